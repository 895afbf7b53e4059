// A bank's active alarms: its own state (all adapters down, stale packs) and its packs' BMS alarms (totals.alarms).
export function activeAlarms(totals) {
  if (!totals) return [];
  const list = [];
  if (totals.state === 'Down') list.push('all adapters down');
  if (totals.packsTotal > 0 && totals.packsFresh < totals.packsTotal)
    list.push(`${totals.packsTotal - totals.packsFresh} of ${totals.packsTotal} packs stale`);
  for (const alarm of totals.alarms || []) list.push(typeof alarm === 'string' ? alarm : alarm.message || alarm.kind || JSON.stringify(alarm));
  return list;
}

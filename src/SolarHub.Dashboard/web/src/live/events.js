// Applies one event of /api/events (docs/api.md) to the store.
import { bankOf, state, addLog, changed } from './store.js';
import { observeServerTime } from './clock.js';
import { loadBank } from './snapshots.js';
import { alertRaised, alertCleared } from './alerts.js';

function known(id) {
  const isNew = !state.banks.has(id);
  const bank = bankOf(id);
  // A bank that appeared since the page loaded (added to the configuration, or started on another node).
  if (isNew) loadBank(id).catch(() => {});
  return bank;
}

const handlers = {
  'pack-telemetry'(data) {
    const bank = known(data.bankId);
    bank.packs.set(data.address, { address: data.address, updatedAt: data.updatedAt, stale: data.stale, values: data });
    if (data.node) bank.node = data.node;
  },
  'bank-telemetry'(data) {
    observeServerTime(data.at);
    const bank = known(data.bankId);
    bank.totals = data;
    if (data.node) bank.node = data.node;
  },
  'adapter-state'(data) {
    const bank = known(data.bankId);
    const adapter = bank.adapters.find((a) => a.id === data.adapterId);
    if (adapter) {
      adapter.state = data.to;
      adapter.stateReason = data.reason;
    }
    // A retry that keeps failing turns twice a second: the log keeps its first turn and then nothing more of that
    // adapter until something else happens to it.
    const last = bank.log.find((e) => e.adapterId === data.adapterId);
    if (data.retry && last && last.retry) return;
    addLog(bank, { adapterId: data.adapterId, retry: !!data.retry, at: data.at, kind: 'adapter',
      text: `${data.adapterId}: ${data.from} → ${data.to}${data.reason ? ` (${data.reason})` : ''}${data.retry ? ' (retrying; further retries not listed)' : ''}` });
  },
  failover(data) {
    const bank = known(data.bankId);
    // A snapshot taken after the switch already lists it.
    if (bank.failovers.some((f) => f.at === data.at && f.to === data.to)) return;
    bank.failovers.unshift(data);
    if (bank.failovers.length > 50) bank.failovers.length = 50;
    // The count of switches since the node started moves with each new one, not only with the next snapshot.
    if (typeof bank.failoverCount === 'number') bank.failoverCount++;
    bank.adapters.forEach((a) => (a.active = a.id === data.to));
    if (bank.totals) bank.totals = { ...bank.totals, activeAdapter: data.to };
    if (bank.forcedAdapter && bank.forcedAdapter !== data.to) bank.forcedAdapter = null;
    addLog(bank, { at: data.at, kind: data.isFailback ? 'failback' : 'failover', text: `${data.isFailback ? 'failback' : 'failover'} ${data.from ?? '–'} → ${data.to ?? '–'}: ${data.reason}` });
  },
  'bank-alarm'(data) {
    const bank = known(data.bankId);
    addLog(bank, { at: data.at, kind: data.cleared ? 'cleared' : 'alarm', text: `${data.cleared ? 'cleared' : 'ALARM'} ${data.kind}: ${data.message}` });
  },
  'alert-raised'(data) {
    const bank = known(data.bankId);
    alertRaised(bank, data);
    addLog(bank, { at: data.at, kind: 'alarm', text: `ALERT ${data.message}` });
  },
  'alert-cleared'(data) {
    const bank = known(data.bankId);
    alertCleared(bank, data);
    addLog(bank, { at: data.at, kind: 'cleared', text: `alert cleared: ${data.message}` });
  },
  energy(data) {
    known(data.bankId).energy = { chargedKwh: data.chargedKwh, dischargedKwh: data.dischargedKwh, at: data.at };
  },
};

export const kinds = Object.keys(handlers);

export function applyEvent(kind, data) {
  const handler = handlers[kind];
  if (!handler) return;
  handler(data);
  changed();
}

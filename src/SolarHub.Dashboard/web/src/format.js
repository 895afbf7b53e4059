// How numbers read on screen: SOC %, V with 2 decimals, A with 1, W or kW, cell delta in mV, ages in s/min/h.
const num = (v) => typeof v === 'number' && Number.isFinite(v);

export const soc = (v) => (num(v) ? `${Math.round(v)} %` : '–');
export const volts = (v, digits = 2) => (num(v) ? `${v.toFixed(digits)} V` : '–');
export const cellVolts = (v) => (num(v) ? `${v.toFixed(3)} V` : '–');
export const amps = (v) => (num(v) ? `${v.toFixed(1)} A` : '–');
export const temp = (v) => (num(v) ? `${v.toFixed(1)} °C` : '–');
export const millivolts = (v) => (num(v) ? `${Math.round(v * 1000)} mV` : '–');
export const ah = (v) => (num(v) ? `${v.toFixed(1)} Ah` : '–');
export const kwh = (v) => (num(v) ? `${v.toFixed(3)} kWh` : '–');

export function watts(v) {
  if (!num(v)) return '–';
  const a = Math.abs(v);
  return a >= 1000 ? `${(v / 1000).toFixed(2)} kW` : `${Math.round(v)} W`;
}

/** Which way the energy flows: positive current charges (docs/api.md). A small dead band reads as idle. */
export function flow(current) {
  if (!num(current) || Math.abs(current) < 0.05) return { kind: 'idle', arrow: '•', word: 'idle' };
  return current > 0 ? { kind: 'charging', arrow: '▲', word: 'charging' } : { kind: 'discharging', arrow: '▼', word: 'discharging' };
}

export function age(ms) {
  if (!num(ms)) return 'no data';
  const s = Math.max(0, ms) / 1000;
  if (s < 10) return `${s.toFixed(1)} s ago`;
  if (s < 120) return `${Math.round(s)} s ago`;
  if (s < 7200) return `${Math.round(s / 60)} min ago`;
  if (s < 172800) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

export function time(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return d.toLocaleTimeString(undefined, { hour12: false });
}

export function dateTime(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return `${d.toLocaleDateString()} ${d.toLocaleTimeString(undefined, { hour12: false })}`;
}

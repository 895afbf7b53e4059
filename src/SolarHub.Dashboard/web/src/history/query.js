// GET /api/banks/{id}/history (docs/history.md) turned into the columns uPlot draws: one x column (unix seconds) and,
// per chart, a value column and, for hourly/daily buckets, min and max columns (a band around the average).
import { getJson, enc } from '../api.js';

export const RANGES = {
  '24h': 24 * 3600 * 1000,
  '7d': 7 * 24 * 3600 * 1000,
  '30d': 30 * 24 * 3600 * 1000,
};

// Resolution "auto" is what the API chooses best: raw up to 2 days, hourly up to 90 days, daily beyond; so 24 h is
// every 10-s sample (about 8 640 points) and 7 or 30 days are hourly buckets (168 or 720).
export function historyUrl(bankId, { from, to, pack }) {
  const query = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(to).toISOString(), resolution: 'auto' });
  if (pack !== null && pack !== undefined && pack !== '') query.set('pack', String(pack));
  return `api/banks/${enc(bankId)}/history?${query}`;
}

export const CHARTS = [
  { key: 'voltage', title: 'Voltage', unit: 'V', digits: 2, pick: (p) => p.voltage },
  { key: 'current', title: 'Current', unit: 'A', digits: 1, pick: (p) => p.current },
  { key: 'power', title: 'Power', unit: 'W', digits: 0, pick: (p) => p.power },
  { key: 'soc', title: 'SOC', unit: '%', digits: 0, pick: (p) => p.soc },
  { key: 'cellDelta', title: 'Cell delta', unit: 'mV', digits: 0, pick: cellDelta },
];

// A pack records cellDelta; a bank only cellMin and cellMax (over its packs). In a bucket the delta's own min/max are
// unknown, so the band is the widest and narrowest the extremes allow.
function cellDelta(p) {
  const mv = (v) => (typeof v === 'number' ? v * 1000 : null);
  if (p.cellDelta !== undefined && p.cellDelta !== null) {
    return typeof p.cellDelta === 'number' ? mv(p.cellDelta) : { avg: mv(p.cellDelta.avg), min: mv(p.cellDelta.min), max: mv(p.cellDelta.max) };
  }
  const lo = p.cellMin;
  const hi = p.cellMax;
  if (lo === null || hi === null || lo === undefined || hi === undefined) return null;
  if (typeof lo === 'number') return mv(hi - lo);
  return { avg: mv(hi.avg - lo.avg), min: mv(Math.max(0, hi.min - lo.max)), max: mv(hi.max - lo.min) };
}

const STEP_S = { raw: 10, hour: 3600, day: 86400 };

/** Fetches the span and builds the columns; a null where samples stop for more than 3 steps, so gaps show as gaps. */
export async function loadHistory(bankId, span, signal) {
  const answer = await getJson(historyUrl(bankId, span), { signal });
  const aggregated = answer.resolution !== 'raw';
  const gap = 3 * (STEP_S[answer.resolution] || 10);
  const xs = [];
  const columns = Object.fromEntries(CHARTS.map((c) => [c.key, { avg: [], min: [], max: [] }]));
  let previous = null;
  for (const point of answer.points) {
    const x = Date.parse(point.at) / 1000;
    if (previous !== null && x - previous > gap) {
      xs.push(previous + gap / 3);
      for (const c of CHARTS) ['avg', 'min', 'max'].forEach((k) => columns[c.key][k].push(null));
    }
    xs.push(x);
    for (const c of CHARTS) {
      const v = c.pick(point);
      const col = columns[c.key];
      if (v === null || v === undefined) {
        col.avg.push(null);
        col.min.push(null);
        col.max.push(null);
      } else if (typeof v === 'number') {
        col.avg.push(v);
        col.min.push(v);
        col.max.push(v);
      } else {
        col.avg.push(v.avg ?? null);
        col.min.push(v.min ?? null);
        col.max.push(v.max ?? null);
      }
    }
    previous = x;
  }
  return { resolution: answer.resolution, aggregated, from: answer.from, to: answer.to, points: answer.points.length, xs, columns };
}

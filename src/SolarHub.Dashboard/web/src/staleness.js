// Stale or live: the API's flags (the node's judgement), and the page's own clock, which still ages data when the
// node or the stream is gone (no event would then come to say "stale").
import { ageOf, packStaleAfterMs } from './live/clock.js';
import { newestPackAt } from './live/store.js';

export function packStale(pack) {
  if (!pack || !pack.values) return true;
  const age = ageOf(pack.updatedAt);
  return pack.stale || age === null || age > packStaleAfterMs(pack.values.bankId);
}

export function bankAge(bank) {
  return ageOf(newestPackAt(bank));
}

export function bankStale(bank) {
  const age = bankAge(bank);
  const apiStale = bank.totals ? bank.totals.stale : true;
  return apiStale || age === null || age > packStaleAfterMs(bank.id);
}

/**
 * The bank's totals as the page shows them: while no pack has ever reported, the node's totals are zeros that were
 * never measured; the page shows dashes for them instead.
 */
export function shownTotals(bank) {
  const t = bank.totals || {};
  const measured = t.packsFresh > 0 || [...bank.packs.values()].some((p) => p.values);
  if (measured) return t;
  const { state, activeAdapter, packsFresh, packsTotal, stale, alarms, at, node } = t;
  return { state, activeAdapter, packsFresh, packsTotal, stale, alarms, at, node };
}

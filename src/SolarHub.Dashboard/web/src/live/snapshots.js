// Snapshots from the API: the page's starting point, and its resynchronisation after the event stream was down.
import { getJson, enc } from '../api.js';
import { state, bankOf, changed } from './store.js';
import { observeDateHeader } from './clock.js';
import { loadAlerts } from './alerts.js';

// Times from different records differ in their digits ("...01.05+00:00", "...01.054007+00:00"): compare instants.
const newer = (a, b) => Date.parse(a) > Date.parse(b);

export function applyDetail(detail) {
  const bank = bankOf(detail.id);
  bank.name = detail.name || detail.id;
  bank.adapters = detail.adapters || [];
  bank.failovers = detail.failovers || [];
  bank.forcedAdapter = detail.forcedAdapter ?? null;
  bank.failoverCount = detail.failoverCount;
  if (detail.totals && !(bank.totals?.at && newer(bank.totals.at, detail.totals.at))) bank.totals = { ...detail.totals, node: bank.totals?.node ?? bank.node };
  for (const pack of detail.packs || []) {
    const known = bank.packs.get(pack.address);
    // An event may have brought a newer reading while the snapshot was on its way.
    if (known && known.updatedAt && pack.updatedAt && newer(known.updatedAt, pack.updatedAt)) continue;
    bank.packs.set(pack.address, { address: pack.address, updatedAt: pack.updatedAt, stale: pack.stale, values: pack.values });
  }
  bank.detailAt = Date.now();
  changed();
}

export async function loadBanks() {
  try {
    const response = await fetch('api/banks', { headers: { Accept: 'application/json' }, cache: 'no-store' });
    observeDateHeader(response.headers.get('Date'));
    if (!response.ok) throw new Error(`GET /api/banks answered ${response.status}`);
    const summaries = await response.json();
    const ids = new Set(summaries.map((s) => s.id));
    for (const id of [...state.banks.keys()]) if (!ids.has(id)) state.banks.delete(id);
    for (const summary of summaries) {
      const bank = bankOf(summary.id);
      bank.summary = summary;
      bank.name = summary.name || summary.id;
      if (!bank.totals || (summary.at && newer(summary.at, bank.totals.at))) bank.totals = { ...summary, alarms: bank.totals?.alarms ?? [] };
    }
    state.loaded = true;
    state.loadError = null;
    changed();
    await Promise.all([...summaries.map((s) => loadBank(s.id).catch(() => {})), loadAlerts()]);
  } catch (e) {
    state.loadError = e.message;
    changed();
  }
}

export async function loadBank(id) {
  applyDetail(await getJson(`api/banks/${enc(id)}`));
}

export async function loadCluster() {
  try {
    state.cluster = await getJson('api/cluster');
  } catch (e) {
    // 404: this node is not clustered (docs/api.md); anything else: keep what we had.
    if (e.status === 404) state.cluster = null;
  }
  changed();
}

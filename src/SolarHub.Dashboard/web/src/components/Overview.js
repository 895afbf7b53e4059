import { useEffect } from 'preact/hooks';
import { html } from '../html.js';
import { follow } from '../live/stream.js';
import { BankTile } from './BankTile.js';

const KINDS = ['bank-telemetry', 'pack-telemetry', 'adapter-state', 'failover', 'alert-raised', 'alert-cleared'];

export function Overview({ store }) {
  useEffect(() => follow(KINDS), []);
  const banks = [...store.banks.values()].sort((a, b) => a.id.localeCompare(b.id));
  // The node that runs each bank: from its events ("node"), else from GET /api/cluster's banks per node.
  const nodeOf = (bank) => bank.node || Object.entries(store.cluster?.banksPerNode || {}).find(([, ids]) => ids.includes(bank.id))?.[0] || null;
  return html`
    <section class="page">
      <h1>Banks</h1>
      ${store.loadError && html`<p class="notice error">${store.loadError}: the figures below may be old.</p>`}
      ${!store.loaded && !store.loadError && html`<p class="notice">Loading the banks…</p>`}
      ${store.loaded && banks.length === 0 && html`<p class="notice">This node runs no bank yet. Add one with <code>solarhub config bank add</code> (docs/configuration.md).</p>`}
      <div class="tiles">${banks.map((bank) => html`<${BankTile} key=${bank.id} bank=${bank} node=${nodeOf(bank)} />`)}</div>
    </section>`;
}

import { useEffect } from 'preact/hooks';
import { html } from '../html.js';
import { follow } from '../live/stream.js';
import { bankHref } from '../router.js';
import { settings } from '../settings.js';

const KINDS = ['bank-telemetry', 'adapter-state', 'failover'];

/** The cluster's members as GET /api/cluster reports them (refreshed every 5 s), with the banks each runs. */
export function NodesView({ store }) {
  useEffect(() => follow(KINDS), []);
  const cluster = store.cluster;
  if (!settings.clustered || cluster === null) {
    return html`<section class="page"><h1>Nodes</h1><p class="notice">This node is not in a cluster (it was started without --cluster, docs/cluster.md).</p></section>`;
  }
  if (!cluster) return html`<section class="page"><h1>Nodes</h1><p class="notice">Asking the cluster…</p></section>`;
  const perNode = cluster.banksPerNode;
  return html`
    <section class="page">
      <h1>Nodes</h1>
      <p class="muted small">Seen from ${cluster.self}. Leader: ${cluster.leader ?? 'none'}; configuration writer: ${cluster.configWriter ?? 'none'}.
        ${cluster.unreachable?.length ? html` <span class="error">Unreachable: ${cluster.unreachable.join(', ')}.</span>` : ''}</p>
      ${perNode === null && html`<p class="notice">Cluster Sharding did not say which node runs which bank in time; the membership below is current.</p>`}
      <div class="nodes">
        ${cluster.members.map((m) => {
          const banks = perNode ? perNode[m.node] || [] : null;
          return html`
            <div class="panel node-row ${m.reachable ? '' : 'unreachable'}" data-testid="node-row" data-node=${m.node} data-status=${m.status} data-reachable=${String(m.reachable)}>
              <div class="adapter-head">
                <strong>${m.node}</strong>
                <span class="adapter-dot ${m.status === 'Up' && m.reachable ? 'st-healthy' : 'st-failed'}">${m.status}${m.reachable ? '' : ', unreachable'}</span>
                ${m.leader && html`<span class="badge">leader</span>`}
                ${m.self && html`<span class="badge">this node</span>`}
              </div>
              <p class="muted small">${m.address}</p>
              <p class="small">Banks: ${banks === null ? 'unknown' : banks.length === 0 ? 'none' : banks.map((b, i) => html`${i ? ', ' : ''}<a href=${bankHref(b)}>${b}</a>`)}</p>
            </div>`;
        })}
      </div>
    </section>`;
}

import { html } from '../html.js';
import { ageOf } from '../live/clock.js';
import { age } from '../format.js';
import { useToken } from './SignIn.js';
import { AdapterActions, useActionResult } from './AdapterActions.js';

/** A bank's adapters in failover order, with their counters and, for a signed-in operator, what can be done to them. */
export function AdapterList({ bank }) {
  const signedIn = !!useToken();
  const [result, report] = useActionResult(bank.id);
  const active = bank.totals?.activeAdapter;
  return html`
    <div class="adapters-list">
      ${result && result.error && html`<p class="action-error" data-testid="action-error" role="alert">${result.error}</p>`}
      ${result && result.outcome && html`<p class="action-outcome" data-testid="action-outcome" role="status">${result.outcome}</p>`}
      ${!signedIn && html`<p class="muted small">Sign in with the node's API token to force, release, disable or enable an adapter.</p>`}
      ${bank.adapters.length === 0 && html`<p class="notice">No adapter known yet.</p>`}
      ${bank.adapters.map((a) => {
        const isActive = a.id === active;
        return html`
          <div class="panel adapter ${isActive ? 'active' : ''} st-${(a.state || '').toLowerCase()}" data-testid="adapter-row"
               data-adapter-id=${a.id} data-state=${a.state} data-active=${String(isActive)}>
            <div class="adapter-head">
              <strong>${a.id}</strong>
              <span class="adapter-dot st-${(a.state || '').toLowerCase()}">${a.state}</span>
              ${isActive && html`<span class="badge">active</span>`}
              ${bank.forcedAdapter === a.id && html`<span class="pin">forced by an operator</span>`}
              ${!a.enabled && html`<span class="badge off">disabled</span>`}
            </div>
            ${a.stateReason && html`<p class="muted small">${a.stateReason}</p>`}
            <dl class="adapter-figures">
              <div><dt>Last frame</dt><dd>${a.lastFrameAt ? age(ageOf(a.lastFrameAt)) : 'none'}</dd></div>
              <div><dt>Frames</dt><dd>${a.frames ?? 0}</dd></div>
              <div><dt>Checksum errors</dt><dd>${a.checksumErrors ?? 0}</dd></div>
              <div><dt>Discarded bytes</dt><dd>${a.discardedBytes ?? 0}</dd></div>
              <div><dt>Restarts</dt><dd>${a.restarts ?? 0}</dd></div>
              <div><dt>Priority</dt><dd>${a.priority}</dd></div>
              ${a.node && html`<div><dt>Node</dt><dd>${a.node}</dd></div>`}
              <div class="wide"><dt>Transport</dt><dd>${a.protocol ? `${a.protocol} ` : ''}${a.transport || '–'}</dd></div>
              <div class="wide"><dt>Last error</dt><dd class=${a.lastError ? 'error' : ''}>${a.lastError || 'none'}</dd></div>
            </dl>
            ${signedIn && html`<${AdapterActions} bank=${bank} adapter=${a} report=${report} />`}
          </div>`;
      })}
    </div>`;
}

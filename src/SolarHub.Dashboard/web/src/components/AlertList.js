import { html } from '../html.js';
import { age, dateTime } from '../format.js';
import { ageOf } from '../live/clock.js';
import { alertLabel } from '../live/alerts.js';

/** The bank's raised alerts (docs/alerts.md): the rule, its message, since when, and on a cluster the node that raised it. */
export function AlertList({ alerts }) {
  return html`
    <div class="panel">
      <ul class="alert-list" data-testid="alert-list" data-count=${alerts.length}>
        ${alerts.length === 0 && html`<li class="muted">No alert raised.</li>`}
        ${alerts.map((a) => html`
          <li class="alert-item" data-testid="alert-item" data-rule=${a.rule} data-pack=${a.pack ?? ''} key=${`${a.rule}/${a.pack ?? ''}`}>
            <strong>${alertLabel(a)}</strong> <span>${a.message}</span>
            <span class="muted" title=${dateTime(a.since)}> · raised ${age(ageOf(a.since))}${a.node ? ` on node ${a.node}` : ''}</span>
          </li>`)}
      </ul>
    </div>`;
}

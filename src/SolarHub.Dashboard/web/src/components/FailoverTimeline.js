import { html } from '../html.js';
import { ageOf } from '../live/clock.js';
import { age, dateTime } from '../format.js';

/** The bank's latest switches of the active adapter, newest first (the snapshot keeps 50). */
export function FailoverTimeline({ failovers, count }) {
  return html`
    <div class="panel">
      ${count !== undefined && html`<p class="muted small" data-testid="failover-count">${count} switch${count === 1 ? '' : 'es'} since the node started.</p>`}
      <ol class="timeline" data-testid="failover-timeline">
        ${failovers.length === 0 && html`<li class="muted">No failover yet.</li>`}
        ${failovers.map((f) => html`
          <li class="timeline-entry ${f.isFailback ? 'failback' : 'failover'}" data-testid="timeline-entry" key=${`${f.at}-${f.to}`}>
            <div><strong>${f.from ?? '–'} → ${f.to ?? '–'}</strong>
              <span class="badge">${f.isFailback ? 'failback' : 'failover'}</span>
              <time datetime=${f.at} title=${dateTime(f.at)}>${age(ageOf(f.at))}</time></div>
            <div class="small">${f.reason}</div>
            <div class="muted small">data gap ${Math.round(f.durationMs ?? 0)} ms${f.previousActiveMs ? `; ${f.from} had been active ${age(f.previousActiveMs).replace(' ago', '')}` : ''}</div>
          </li>`)}
      </ol>
    </div>`;
}

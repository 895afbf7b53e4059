import { html } from '../html.js';
import { time, dateTime } from '../format.js';

/** What happened to the bank since the page opened: adapter states, failovers, alarms (newest first). */
export function EventLog({ log }) {
  return html`
    <div class="panel">
      <ol class="event-log" data-testid="event-log">
        ${log.length === 0 && html`<li class="muted">Nothing has happened since this page opened.</li>`}
        ${log.map((e, i) => html`
          <li class="event-entry kind-${e.kind}" data-testid="event-entry" key=${`${e.at}-${i}`}>
            <time datetime=${e.at} title=${dateTime(e.at)}>${time(e.at)}</time> ${e.text}
          </li>`)}
      </ol>
    </div>`;
}

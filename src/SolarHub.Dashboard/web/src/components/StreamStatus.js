import { html } from '../html.js';
import { useTick } from '../live/clock.js';
import { age } from '../format.js';

/** Whether the page hears the node's event stream; while it does not, how long it has been down. */
export function StreamStatus({ stream }) {
  useTick(1000);
  const live = stream.state === 'live';
  return html`
    <span class="stream ${live ? 'live' : 'down'}" data-testid="stream-status" data-state=${live ? 'live' : 'down'} role="status">
      <span class="dot" aria-hidden="true"></span>
      ${live ? 'live' : `${stream.note || 'reconnecting…'} (down since ${age(Date.now() - stream.since).replace(' ago', '')})`}
    </span>`;
}

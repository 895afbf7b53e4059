import { html } from '../html.js';
import { age } from '../format.js';

/** The age of the newest data, and "stale" when it is: stale data never looks live. */
export function AgeBadge({ ms, stale, testid }) {
  return html`<span class="age ${stale ? 'stale' : 'fresh'}" data-testid=${testid} title=${stale ? 'stale: no fresh data within pack-stale-after' : 'fresh'}>
    ${ms === null || ms === undefined ? html`<strong>no data yet</strong>` : html`${stale ? html`<strong>stale</strong> (last known values) · ` : ''}${age(ms)}`}
  </span>`;
}

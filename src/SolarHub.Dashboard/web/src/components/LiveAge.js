import { html } from '../html.js';
import { ageOf, useTick } from '../live/clock.js';
import { AgeBadge } from './AgeBadge.js';

/** An age that counts by itself every second, so the component around it need not re-render to keep it current. */
export function LiveAge({ iso, stale, testid }) {
  useTick(1000);
  return html`<${AgeBadge} ms=${ageOf(iso)} stale=${stale} testid=${testid} />`;
}

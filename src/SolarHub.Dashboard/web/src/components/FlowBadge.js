import { html } from '../html.js';
import { flow } from '../format.js';

/** Charging or discharging, by arrow and word as well as colour; nothing when there is no current to judge. */
export function FlowBadge({ current }) {
  if (typeof current !== 'number' || !Number.isFinite(current)) return null;
  const f = flow(current);
  return html`<span class="flow ${f.kind}"><span aria-hidden="true">${f.arrow}</span> ${f.word}</span>`;
}

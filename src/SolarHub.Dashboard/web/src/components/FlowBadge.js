import { html } from '../html.js';
import { flow } from '../format.js';

/** Charging or discharging, by arrow and word as well as colour. */
export function FlowBadge({ current }) {
  const f = flow(current);
  return html`<span class="flow ${f.kind}"><span aria-hidden="true">${f.arrow}</span> ${f.word}</span>`;
}

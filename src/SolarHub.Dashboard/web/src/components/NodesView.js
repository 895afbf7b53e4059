import { html } from '../html.js';

export function NodesView() {
  return html`<section class="page"><p class="notice">Coming soon.</p></section>`;
}

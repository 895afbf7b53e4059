import { html } from '../html.js';

export function BankPage() {
  return html`<section class="page"><p class="notice">Coming soon.</p></section>`;
}

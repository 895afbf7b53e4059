import { useState } from 'preact/hooks';
import { html } from '../html.js';

// <input type="datetime-local"> speaks local time without a zone: these convert to and from epoch milliseconds.
const toLocalInput = (ms) => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60000);
  return d.toISOString().slice(0, 16);
};
const fromLocalInput = (value) => new Date(value).getTime();

export function RangePicker({ range, custom, onRange, onCustom }) {
  const [from, setFrom] = useState(toLocalInput(custom.from));
  const [to, setTo] = useState(toLocalInput(custom.to));
  const button = (key, label) => html`<button type="button" data-testid=${`range-${key}`} class=${range === key ? 'selected' : ''}
      aria-pressed=${range === key} onClick=${() => onRange(key)}>${label}</button>`;
  const apply = (e) => {
    e.preventDefault();
    onCustom({ from: fromLocalInput(from), to: fromLocalInput(to) });
    onRange('custom');
  };
  return html`
    <div class="ranges">
      <div class="range-buttons" role="group" aria-label="range">
        ${button('24h', '24 h')}${button('7d', '7 days')}${button('30d', '30 days')}${button('custom', 'Custom')}
      </div>
      ${range === 'custom' && html`
        <form class="custom-range" onSubmit=${apply}>
          <label>From <input type="datetime-local" data-testid="range-from" value=${from} onInput=${(e) => setFrom(e.currentTarget.value)} required /></label>
          <label>To <input type="datetime-local" data-testid="range-to" value=${to} onInput=${(e) => setTo(e.currentTarget.value)} required /></label>
          <button type="submit" data-testid="range-apply">Show</button>
        </form>`}
    </div>`;
}

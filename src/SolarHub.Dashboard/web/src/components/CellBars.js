import { html } from '../html.js';
import { cellVolts } from '../format.js';

// The bars show each cell against the pack's average: right of the centre line above it, left below it, scaled to
// the largest deviation (at least 5 mV, so a well-balanced pack does not look alarming).
const MIN_SCALE_V = 0.005;

export function CellBars({ cells, balancing }) {
  const values = cells.filter((c) => typeof c === 'number');
  if (values.length === 0) return html`<p class="notice">No cell voltages.</p>`;
  const avg = values.reduce((s, c) => s + c, 0) / values.length;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const scale = Math.max(MIN_SCALE_V, max - avg, avg - min);
  return html`
    <div class="cells ${balancing ? 'is-balancing' : ''}" aria-label=${`cells: average ${cellVolts(avg)}, min ${cellVolts(min)}, max ${cellVolts(max)}`}>
      <div class="cells-legend"><span>avg ${cellVolts(avg)}</span><span class="min">▼ min ${cellVolts(min)}</span><span class="max">▲ max ${cellVolts(max)}</span></div>
      ${cells.map((c, i) => {
        const ok = typeof c === 'number';
        const dev = ok ? (c - avg) / scale : 0;
        const mark = ok && values.length > 1 && min !== max ? (c === min ? 'min' : c === max ? 'max' : '') : '';
        // Half the track, scaled: a transform moves no layout, so a new reading repaints only the bar.
        const bar = `transform:scaleX(${Math.max(-1, Math.min(1, dev)).toFixed(3)})`;
        const mv = ok ? Math.round((c - avg) * 1000) : null;
        return html`
          <div class="cell ${mark}" data-testid="cell" data-cell-index=${i} title=${ok ? `cell ${i + 1}: ${cellVolts(c)} (${mv >= 0 ? '+' : ''}${mv} mV from the average)` : `cell ${i + 1}: no value`}>
            <span class="cell-no">${i + 1}</span>
            <span class="cell-track"><span class="cell-bar" style=${bar}></span></span>
            <span class="cell-v">${ok ? c.toFixed(3) : '–'}${mark === 'min' ? ' ▼' : mark === 'max' ? ' ▲' : ''}</span>
          </div>`;
      })}
    </div>`;
}

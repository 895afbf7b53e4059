import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { follow } from '../live/stream.js';
import { bankHref } from '../router.js';
import { settings } from '../settings.js';
import { soc, volts, amps, watts } from '../format.js';
import { RANGES, CHARTS, loadHistory } from '../history/query.js';
import { Chart } from './Chart.js';
import { RangePicker } from './RangePicker.js';

// The 24-hour view follows time: reloaded every minute (a raw sample comes every 10 s).
const REFRESH_MS = 60000;

function spanOf(range, custom) {
  if (range === 'custom') return { from: custom.from, to: custom.to };
  const to = Date.now();
  return { from: to - RANGES[range], to };
}

export function HistoryPage({ store, bankId }) {
  const bank = store.banks.get(bankId);
  const [range, setRange] = useState('24h');
  const [custom, setCustom] = useState(() => ({ from: Date.now() - RANGES['24h'], to: Date.now() }));
  const [pack, setPack] = useState('');
  const [result, setResult] = useState({ loading: true });
  const [reload, setReload] = useState(0);

  useEffect(() => {
    follow(['bank-telemetry'], bank ? bankId : null);
  }, [bankId, !!bank]);

  useEffect(() => {
    if (!settings.history) return undefined;
    const abort = new AbortController();
    const span = spanOf(range, custom);
    if (!(span.from < span.to)) {
      setResult({ error: 'The start of the range must be before its end.' });
      return undefined;
    }
    setResult((r) => ({ ...r, loading: true }));
    loadHistory(bankId, { ...span, pack }, abort.signal)
      .then((data) => setResult({ data }))
      .catch((e) => {
        if (e.name !== 'AbortError') setResult({ error: e.message });
      });
    const timer = range === '24h' ? setTimeout(() => setReload((n) => n + 1), REFRESH_MS) : 0;
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [bankId, range, custom, pack, reload]);

  const t = bank?.totals || {};
  const packs = bank ? [...bank.packs.keys()].sort((a, b) => a - b) : [];
  const data = result.data;
  return html`
    <section class="page history-page">
      <p class="crumbs"><a href="#/">← Banks</a><a href=${bankHref(bankId)}>← ${bank?.name || bankId}</a></p>
      <h1>History of ${bank?.name || bankId}</h1>
      ${bank && html`<p class="muted small">Now: ${soc(t.soc)} · ${volts(t.voltage)} · ${amps(t.current)} · ${watts(t.power)}</p>`}
      ${!settings.history
        ? html`<p class="notice">This node records no history: it runs from a config.yaml without a database (docs/history.md).</p>`
        : html`
          <div class="history-controls">
            <${RangePicker} range=${range} custom=${custom} onRange=${setRange} onCustom=${setCustom} />
            <label class="series-pick">Series
              <select value=${pack} onChange=${(e) => setPack(e.currentTarget.value)}>
                <option value="">the bank (totals)</option>
                ${packs.map((a) => html`<option value=${String(a)}>pack ${a}</option>`)}
              </select>
            </label>
          </div>
          ${result.error && html`<p class="notice error">${result.error}</p>`}
          ${result.loading && html`<p class="muted small">Loading…</p>`}
          ${data && html`<p class="muted small">${data.points} ${data.aggregated ? `${data.resolution}ly buckets (average, with min–max band)` : 'samples (every 10 s)'}
              ${' '}from ${new Date(data.from).toLocaleString()} to ${new Date(data.to).toLocaleString()}${data.points === 0 ? ': nothing recorded in this span' : ''}.</p>`}
          ${data && html`<div class="charts">${CHARTS.map((c) => html`<${Chart} key=${c.key} chart=${c} data=${data} />`)}</div>`}`}
    </section>`;
}

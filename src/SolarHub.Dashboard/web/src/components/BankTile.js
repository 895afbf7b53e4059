import { html } from '../html.js';
import { soc, volts, amps, watts, millivolts, temp } from '../format.js';
import { bankHref } from '../router.js';
import { useTick } from '../live/clock.js';
import { bankAge, bankStale, shownTotals } from '../staleness.js';
import { activeAlarms } from '../alarms.js';
import { raisedAlerts, alertLabel } from '../live/alerts.js';
import { FlowBadge } from './FlowBadge.js';
import { AgeBadge } from './AgeBadge.js';

export function BankTile({ bank, node }) {
  useTick(1000);
  const t = shownTotals(bank);
  const stale = bankStale(bank);
  const alarms = activeAlarms(bank.totals);
  const alerts = raisedAlerts(bank);
  const delta = typeof t.cellMax === 'number' && typeof t.cellMin === 'number' ? t.cellMax - t.cellMin : null;
  const socValue = typeof t.soc === 'number' ? Math.max(0, Math.min(100, t.soc)) : 0;
  return html`
    <a class="tile ${stale ? 'stale' : ''} state-${(t.state || 'unknown').toLowerCase()}" href=${bankHref(bank.id)}
       data-testid="bank-tile" data-bank-id=${bank.id} data-stale=${String(stale)}>
      <div class="tile-head">
        <h2>${bank.name}</h2>
        <span class="state">${t.state || '…'}</span>
      </div>
      <div class="soc-row">
        <span class="big" data-testid="soc">${soc(t.soc)}</span>
        <span class="socbar" aria-hidden="true"><span style=${`width:${socValue}%`}></span></span>
      </div>
      <dl class="figures">
        <div><dt>Voltage</dt><dd data-testid="voltage">${volts(t.voltage)}</dd></div>
        <div><dt>Current</dt><dd data-testid="current">${amps(t.current)}</dd></div>
        <div><dt>Power</dt><dd data-testid="power">${watts(t.power)} <${FlowBadge} current=${t.current} /></dd></div>
        <div><dt>Cell delta</dt><dd data-testid="cell-delta">${millivolts(delta)}</dd></div>
        <div><dt>Max temp</dt><dd data-testid="temp-max">${temp(t.temperatureMax)}</dd></div>
        <div><dt>Packs fresh</dt><dd>${t.packsFresh ?? '–'} / ${t.packsTotal ?? '–'}</dd></div>
      </dl>
      <div class="alarms ${alarms.length ? 'on' : ''}" data-testid="alarms" data-count=${alarms.length}>
        ${alarms.length ? alarms.map((a) => html`<span class="alarm">⚠ ${a}</span>`) : 'no alarm'}
      </div>
      ${alerts.length > 0 && html`<div class="alarms on" data-testid="alerts" data-count=${alerts.length}>
        ${alerts.map((a) => html`<span class="alarm alert" data-rule=${a.rule} title=${a.message}>Alert: ${alertLabel(a)}</span>`)}
      </div>`}
      <div class="adapters">
        <span class="label">Adapter</span>
        <strong data-testid="active-adapter">${t.activeAdapter ?? 'none'}</strong>
        ${bank.forcedAdapter && html`<span class="pin" title="forced active by an operator">pinned</span>`}
        <span class="health">
          ${bank.adapters.map((a) => html`<span class="adapter-dot st-${(a.state || '').toLowerCase()} ${a.id === t.activeAdapter ? 'active' : ''}"
              data-testid="adapter-health" data-adapter-id=${a.id} data-state=${a.state} title=${`${a.id}: ${a.state}${a.stateReason ? ` (${a.stateReason})` : ''}`}>
              ${a.id} <small>${a.state}</small></span>`)}
        </span>
      </div>
      <div class="tile-foot">
        <${AgeBadge} ms=${bankAge(bank)} stale=${stale} testid="data-age" />
        ${node && html`<span class="node" data-node=${node}>on node ${node}</span>`}
      </div>
    </a>`;
}

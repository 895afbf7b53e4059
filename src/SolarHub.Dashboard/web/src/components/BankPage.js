import { useEffect } from 'preact/hooks';
import { html } from '../html.js';
import { follow } from '../live/stream.js';
import { loadBank } from '../live/snapshots.js';
import { raisedAlerts } from '../live/alerts.js';
import { kinds } from '../live/events.js';
import { useTick } from '../live/clock.js';
import { historyHref } from '../router.js';
import { bankAge, bankStale, packStale, shownTotals } from '../staleness.js';
import { activeAlarms } from '../alarms.js';
import { soc, volts, amps, watts, millivolts, temp, ah, kwh } from '../format.js';
import { settings } from '../settings.js';
import { FlowBadge } from './FlowBadge.js';
import { AgeBadge } from './AgeBadge.js';
import { PackCard } from './PackCard.js';
import { AdapterList } from './AdapterList.js';
import { FailoverTimeline } from './FailoverTimeline.js';
import { EventLog } from './EventLog.js';
import { AlertList } from './AlertList.js';

// Adapter counters (frames, errors, last frame) are not events: the page asks for the bank's snapshot this often.
const SNAPSHOT_EVERY_MS = 2000;

export function BankPage({ store, bankId }) {
  const bank = store.banks.get(bankId);
  const exists = !!bank;

  useEffect(() => {
    // Only this bank's events, all kinds (the page shows every one); a bank the node does not know would be a 404, so
    // until it is known the page follows the banks' totals only (which also tell when it appears).
    follow(exists ? kinds : ['bank-telemetry'], exists ? bankId : null);
  }, [bankId, exists]);

  useEffect(() => {
    if (!exists) return undefined;
    const refresh = () => loadBank(bankId).catch(() => {});
    refresh();
    const id = setInterval(refresh, SNAPSHOT_EVERY_MS);
    return () => clearInterval(id);
  }, [bankId, exists]);

  useTick(1000);

  if (!bank) {
    return html`<section class="page"><p class="crumbs"><a href="#/">← Banks</a></p>
      <p class="notice">${store.loaded ? html`There is no bank <code>${bankId}</code> on this node.` : 'Loading…'}</p></section>`;
  }

  const t = shownTotals(bank);
  const stale = bankStale(bank);
  const alarms = activeAlarms(bank.totals);
  const delta = typeof t.cellMax === 'number' && typeof t.cellMin === 'number' ? t.cellMax - t.cellMin : null;
  const packs = [...bank.packs.values()].sort((a, b) => a.address - b.address);

  return html`
    <section class="page bank-page">
      <p class="crumbs"><a href="#/">← Banks</a>${settings.history && html`<a href=${historyHref(bank.id)}>History charts →</a>`}</p>
      <div class="bank-head ${stale ? 'stale' : ''}">
        <h1>${bank.name} <small class="muted">${bank.id}</small></h1>
        <span class="state state-${(t.state || '').toLowerCase()}">${t.state || '…'}</span>
        <${AgeBadge} ms=${bankAge(bank)} stale=${stale} testid="bank-age" />
        ${bank.node && html`<span class="muted">on node ${bank.node}</span>`}
      </div>
      <div class="summary panel ${stale ? 'stale' : ''}">
        <div><span class="k">SOC</span><span class="v">${soc(t.soc)}</span></div>
        <div><span class="k">Voltage</span><span class="v">${volts(t.voltage)}</span></div>
        <div><span class="k">Current</span><span class="v">${amps(t.current)}</span></div>
        <div><span class="k">Power</span><span class="v">${watts(t.power)} <${FlowBadge} current=${t.current} /></span></div>
        <div><span class="k">Cell delta</span><span class="v">${millivolts(delta)}</span></div>
        <div><span class="k">Temperature</span><span class="v">${temp(t.temperatureMin)} – ${temp(t.temperatureMax)}</span></div>
        <div><span class="k">Capacity</span><span class="v">${ah(t.remainingCapacity)} / ${ah(t.fullCapacity)}</span></div>
        <div><span class="k">Packs fresh</span><span class="v">${t.packsFresh ?? '–'} / ${t.packsTotal ?? '–'}</span></div>
        ${settings.history && html`<div data-testid="energy"><span class="k">Energy in / out</span><span class="v">${bank.energy ? html`▲ ${kwh(bank.energy.chargedKwh)} / ▼ ${kwh(bank.energy.dischargedKwh)}` : html`<span class="muted">at the next count (every 10 s)</span>`}</span></div>`}
        <div class="wide"><span class="k">Alarms</span><span class="v ${alarms.length ? 'error' : ''}">${alarms.length ? alarms.join(' · ') : 'none'}</span></div>
      </div>

      <h2 class="section">Alerts</h2>
      <${AlertList} alerts=${raisedAlerts(bank)} />

      <h2 class="section">Packs</h2>
      ${packs.length === 0 && html`<p class="notice">No pack has reported yet.</p>`}
      <div class="packs">${packs.map((p) => html`<${PackCard} key=${p.address} pack=${p} stale=${packStale(p)} />`)}</div>

      <h2 class="section">Adapters</h2>
      <${AdapterList} bank=${bank} />

      <div class="two-col">
        <div>
          <h2 class="section">Failovers</h2>
          <${FailoverTimeline} failovers=${bank.failovers} count=${bank.failoverCount} />
        </div>
        <div>
          <h2 class="section">Events</h2>
          <${EventLog} log=${bank.log} />
        </div>
      </div>
    </section>`;
}

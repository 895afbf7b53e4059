import { html } from '../html.js';
import { memo } from '../memo.js';
import { soc, volts, amps, watts, millivolts, temp, ah } from '../format.js';
import { LiveAge } from './LiveAge.js';
import { FlowBadge } from './FlowBadge.js';
import { CellBars } from './CellBars.js';

const Switch = ({ on, label }) => html`<span class="switch ${on ? 'on' : 'off'}">${label} ${on ? 'on' : 'OFF'}</span>`;

function PackCardView({ pack, stale }) {
  const v = pack.values;
  return html`
    <article class="panel pack ${stale ? 'stale' : ''}" data-testid="pack" data-pack-address=${pack.address} data-stale=${String(stale)}>
      <header class="pack-head">
        <h3>Pack ${pack.address}</h3>
        <${LiveAge} iso=${pack.updatedAt} stale=${stale} testid="pack-age" />
        ${v && v.balancing && html`<span class="balancing" title="the BMS balances this pack's cells">⇄ balancing</span>`}
      </header>
      ${!v
        ? html`<p class="notice">This pack has not reported yet.</p>`
        : html`
          <div class="pack-figures">
            <span><span class="k">SOC</span> ${soc(v.soc)}</span>
            <span><span class="k">V</span> ${volts(v.packVoltage)}</span>
            <span><span class="k">A</span> ${amps(v.current)}</span>
            <span><span class="k">P</span> ${watts(v.power)} <${FlowBadge} current=${v.current} /></span>
            <span><span class="k">Δ</span> ${millivolts(v.cellDelta)}</span>
          </div>
          <${CellBars} cells=${v.cells || []} balancing=${v.balancing} />
          <div class="pack-figures small">
            <span><span class="k">Temps</span> ${(v.temperatures || []).map((x) => temp(x)).join(', ') || '–'}</span>
            <span><span class="k">MOS</span> ${temp(v.mosTemperature)}</span>
            <${Switch} on=${v.charging} label="charge" />
            <${Switch} on=${v.discharging} label="discharge" />
            <span><span class="k">SOH</span> ${soc(v.soh)}</span>
            <span><span class="k">Cycles</span> ${v.cycles ?? '–'}</span>
            <span><span class="k">Capacity</span> ${ah(v.remainingCapacity)} / ${ah(v.fullCapacity)}</span>
            ${v.adapterId && html`<span><span class="k">via</span> ${v.adapterId}</span>`}
          </div>
          ${v.alarms && v.alarms.length > 0 && html`<p class="error">⚠ ${v.alarms.map((a) => (typeof a === 'string' ? a : a.message || a.kind)).join(' · ')}</p>`}`}
    </article>`;
}

/** Re-rendered when a new reading comes or the pack turns stale or fresh; its age counts by itself. */
export const PackCard = memo(PackCardView, (a, b) => a.pack === b.pack && a.stale === b.stale);

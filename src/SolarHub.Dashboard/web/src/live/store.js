// What the page knows of the node's banks, kept current by snapshots (GET /api/banks...) and events (/api/events).
// One mutable state object and a version counter; components re-render when the version moves (useStore).
import { useEffect, useState } from 'preact/hooks';

const LOG_LIMIT = 100;

export const state = {
  version: 0,
  loaded: false,
  loadError: null,
  banks: new Map(), // id -> bank (see bankOf)
  stream: { state: 'down', since: Date.now(), note: 'connecting…' },
  cluster: undefined, // undefined: not asked yet; null: not clustered; else GET /api/cluster's answer
  alertTitles: new Map(), // rule -> title, from GET /api/alerts
};

const listeners = new Set();
// Events come in bursts and one per pack reading (a 16-pack bank: 16 a second): the page renders at most this often,
// the first change at once and those within the interval together at its end, so nothing waits more than 250 ms.
const RENDER_EVERY_MS = 250;
let timer = null;
let lastRender = 0;

function render() {
  timer = null;
  lastRender = performance.now();
  listeners.forEach((l) => l(state.version));
}

export function changed() {
  state.version++;
  if (timer !== null) return;
  const wait = Math.max(0, lastRender + RENDER_EVERY_MS - performance.now());
  timer = setTimeout(render, wait);
}

export function useStore() {
  const [, setVersion] = useState(state.version);
  useEffect(() => {
    listeners.add(setVersion);
    return () => listeners.delete(setVersion);
  }, []);
  return state;
}

export function bankOf(id) {
  let bank = state.banks.get(id);
  if (!bank) {
    bank = {
      id,
      name: id,
      summary: null, // GET /api/banks
      totals: null, // bank-telemetry / snapshot totals
      adapters: [], // snapshot adapters, states updated by adapter-state events
      packs: new Map(), // address -> { address, updatedAt, stale, values }
      failovers: [],
      forcedAdapter: null,
      node: null,
      log: [],
      alerts: new Map(), // rule/pack -> raised alert (live/alerts.js)
      energy: null, // { chargedKwh, dischargedKwh, at }: the latest energy event
      detailAt: 0,
    };
    state.banks.set(id, bank);
  }
  return bank;
}

export function addLog(bank, entry) {
  bank.log.unshift(entry);
  if (bank.log.length > LOG_LIMIT) bank.log.length = LOG_LIMIT;
}

/** The newest pack reading's time of a bank, or null. */
export function newestPackAt(bank) {
  let newest = null;
  for (const pack of bank.packs.values()) {
    if (pack.updatedAt && (!newest || Date.parse(pack.updatedAt) > Date.parse(newest))) newest = pack.updatedAt;
  }
  return newest;
}

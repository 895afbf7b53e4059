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
};

const listeners = new Set();
let queued = false;

export function changed() {
  state.version++;
  if (queued) return;
  queued = true;
  // Events come in bursts (a frame per pack): one render per burst.
  queueMicrotask(() => {
    queued = false;
    listeners.forEach((l) => l(state.version));
  });
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
    if (pack.updatedAt && (!newest || pack.updatedAt > newest)) newest = pack.updatedAt;
  }
  return newest;
}

// The page's one EventSource on /api/events, asking for the kinds the current view shows (and its bank), reconnecting
// by itself. The browser's EventSource retries after a network error (retry: 3000) and resumes with Last-Event-ID; when
// it gives up (an HTTP error answer) or the stream goes quiet while banks exist (bank-telemetry comes every second per
// bank), this opens a new one. Every reconnection reloads the snapshots, so what was missed meanwhile is caught up.
import { state, changed, addLog } from './store.js';
import { applyEvent } from './events.js';
import { loadBanks } from './snapshots.js';

const QUIET_LIMIT_MS = 6000;
const RETRY_MS = 3000;
const CONNECT_LIMIT_MS = 15000;

let source = null;
let wanted = null; // { kinds, bank }
let lastEventAt = 0;
let openedAt = 0;
let retryTimer = null;
let everOpen = false;
let lastId = null; // the id of the last event received, on whichever stream

function setStream(next, note) {
  if (state.stream.state === next && state.stream.note === note) return;
  // The event logs say when they may have missed something (the snapshots catch the figures up, not the log).
  if (everOpen && state.stream.state !== next) {
    const at = new Date().toISOString();
    const text = next === 'live' ? 'event stream back: events missed meanwhile are replayed while the node still keeps them' : 'event stream lost: reconnecting';
    state.banks.forEach((bank) => addLog(bank, { at, kind: next === 'live' ? 'cleared' : 'alarm', text }));
  }
  state.stream = { state: next, since: Date.now(), note };
  changed();
}

// A new stream (another view's kinds or bank, or one opened after the old one was lost) starts where the last one
// stopped: the node replays the events after that id that match the new filter (docs/api.md, "Resuming"), so the
// banks the previous view did not follow are current at once, not aged until their next reading.
function urlOf({ kinds, bank }) {
  const query = new URLSearchParams({ kinds: kinds.join(',') });
  if (bank) query.set('bank', bank);
  if (lastId) query.set('lastEventId', lastId);
  return `api/events?${query}`;
}

function open() {
  clearTimeout(retryTimer);
  if (source) source.close();
  const es = new EventSource(urlOf(wanted));
  source = es;
  openedAt = Date.now();
  es.onopen = () => {
    if (source !== es) return;
    lastEventAt = Date.now();
    const wasDown = state.stream.state === 'down';
    setStream('live', '');
    if (wasDown && everOpen) loadBanks();
    everOpen = true;
  };
  es.onerror = () => {
    if (source !== es) return;
    setStream('down', 'reconnecting…');
    if (es.readyState === EventSource.CLOSED) retryTimer = setTimeout(open, RETRY_MS);
  };
  const listen = (kind) =>
    es.addEventListener(kind, (e) => {
      lastEventAt = Date.now();
      if (e.lastEventId) lastId = e.lastEventId;
      try {
        applyEvent(kind, JSON.parse(e.data));
      } catch {
        // One malformed event must not stop the others.
      }
    });
  wanted.kinds.forEach(listen);
  es.addEventListener('gap', () => loadBanks());
}

/** Follows /api/events for these kinds (and this bank, or all); a change of either opens a new stream. */
export function follow(kinds, bank = null) {
  const next = { kinds: [...kinds].sort(), bank };
  if (wanted && wanted.bank === next.bank && wanted.kinds.join() === next.kinds.join() && source && source.readyState !== EventSource.CLOSED) return;
  wanted = next;
  open();
}

// A stream that stays open but brings nothing is as good as down (a half-open connection, a proxy's buffer), and so
// is one whose connection attempt hangs (a server that accepts and never answers).
setInterval(() => {
  if (!source) return;
  if (state.stream.state === 'live' && state.banks.size > 0 && Date.now() - lastEventAt > QUIET_LIMIT_MS) {
    setStream('down', 'no events for 6 s: reconnecting…');
    open();
  } else if (state.stream.state === 'down' && source.readyState === EventSource.CONNECTING && Date.now() - openedAt > CONNECT_LIMIT_MS) {
    open();
  }
}, 1000);

// The node's clock as seen from the browser. Ages are measured against the node's timestamps, so the page needs the
// node's "now": its clock may differ from the browser's. Each bank-telemetry event is sent when it is made (its `at`),
// so arrival minus `at` is the clock offset plus the delivery time; the smallest of the recent ones is the best guess.
import { useEffect, useState } from 'preact/hooks';
import { settings } from '../settings.js';

const samples = [];
let offset = 0;
let fromEvents = false;

export function observeServerTime(iso) {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return;
  samples.push(Date.now() - at);
  if (samples.length > 60) samples.shift();
  offset = Math.min(...samples);
  fromEvents = true;
}

/** Before any event: the HTTP Date header (whole seconds, so taken as the middle of its second). */
export function observeDateHeader(value) {
  if (fromEvents || !value) return;
  const at = Date.parse(value);
  if (Number.isFinite(at)) offset = Date.now() - (at + 500);
}

export const serverNow = () => Date.now() - offset;

export function ageOf(iso) {
  if (!iso) return null;
  const at = Date.parse(iso);
  return Number.isFinite(at) ? serverNow() - at : null;
}

/** The node's pack-stale-after for a bank (HOCON may set it per bank). */
export const packStaleAfterMs = (bankId) => settings.packStaleAfterMsByBank?.[bankId] ?? settings.packStaleAfterMs;

/** Re-renders the calling component every `interval` ms, so ages keep counting while no data comes. */
export function useTick(interval = 500) {
  const [, setTick] = useState(0);
  useEffect(() => {
    const id = setInterval(() => setTick((t) => t + 1), interval);
    return () => clearInterval(id);
  }, [interval]);
  return serverNow();
}

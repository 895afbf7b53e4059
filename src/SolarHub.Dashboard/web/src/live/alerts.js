// The alert rules' raised alerts (docs/alerts.md): GET /api/alerts (on a clustered node, every member's), kept current
// by the alert-raised and alert-cleared events. Each bank holds its own, by rule and pack.
import { getJson } from '../api.js';
import { state, bankOf, changed } from './store.js';

const keyOf = (alert) => `${alert.rule}/${alert.pack ?? ''}`;

// For each reload on its way, the alert events that arrived since it was asked for. Its answer may predate them, so
// they are applied again over it; applying one the answer already holds changes nothing (a raise sets, a clear deletes).
const reloads = new Set();

/** Reloads every bank's raised alerts and the rules' titles; a failed answer keeps what the page had. */
export async function loadAlerts() {
  const seen = [];
  reloads.add(seen);
  let report;
  try {
    report = await getJson('api/alerts');
  } catch {
    return;
  } finally {
    reloads.delete(seen);
  }
  for (const bank of report.banks || []) for (const rule of bank.rules || []) state.alertTitles.set(rule.rule, rule.title);
  for (const bank of state.banks.values()) bank.alerts = new Map();
  for (const alert of report.active || []) bankOf(alert.bankId).alerts.set(keyOf(alert), alert);
  for (const apply of seen) apply();
  changed();
}

export function alertRaised(bank, event) {
  const apply = () => bank.alerts.set(keyOf(event), { ...event, since: event.at });
  apply();
  for (const seen of reloads) seen.push(apply);
}

export function alertCleared(bank, event) {
  const apply = () => bank.alerts.delete(keyOf(event));
  apply();
  for (const seen of reloads) seen.push(apply);
}

/** A bank's raised alerts: the bank's own first, then by pack. */
export function raisedAlerts(bank) {
  return [...bank.alerts.values()].sort((a, b) => (a.pack ?? -1) - (b.pack ?? -1) || a.rule.localeCompare(b.rule));
}

/** "Low state of charge", "Cell voltage spread (pack 2)": the rule's title as the API gives it, its name until then. */
export function alertLabel(alert) {
  const title = state.alertTitles.get(alert.rule) || alert.rule;
  return alert.pack === null || alert.pack === undefined ? title : `${title} (pack ${alert.pack})`;
}

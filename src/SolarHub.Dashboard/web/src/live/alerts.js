// The alert rules' raised alerts (docs/alerts.md): GET /api/alerts (on a clustered node, every member's), kept current
// by the alert-raised and alert-cleared events. Each bank holds its own, by rule and pack.
import { getJson } from '../api.js';
import { state, bankOf, changed } from './store.js';

const keyOf = (alert) => `${alert.rule}/${alert.pack ?? ''}`;

/** Reloads every bank's raised alerts and the rules' titles; a failed answer keeps what the page had. */
export async function loadAlerts() {
  let report;
  try {
    report = await getJson('api/alerts');
  } catch {
    return;
  }
  for (const bank of report.banks || []) for (const rule of bank.rules || []) state.alertTitles.set(rule.rule, rule.title);
  for (const bank of state.banks.values()) bank.alerts = new Map();
  for (const alert of report.active || []) bankOf(alert.bankId).alerts.set(keyOf(alert), alert);
  changed();
}

export function alertRaised(bank, event) {
  bank.alerts.set(keyOf(event), { ...event, since: event.at });
}

export function alertCleared(bank, event) {
  bank.alerts.delete(keyOf(event));
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

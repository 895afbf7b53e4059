import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { send, enc } from '../api.js';
import { loadBank } from '../live/snapshots.js';

/** The last action's answer on a bank page: the API's outcome, or its error message as it said it. */
export function useActionResult(bankId) {
  const [result, setResult] = useState(null);
  const current = result && result.bankId === bankId ? result : null;
  return [current, (r) => setResult(r && { ...r, bankId })];
}

/** The adapter commands of the API (docs/api.md): force active / release, disable / enable. Shown only when signed in. */
export function AdapterActions({ bank, adapter, report }) {
  const [busy, setBusy] = useState(false);
  const base = `api/banks/${enc(bank.id)}/adapters/${enc(adapter.id)}`;
  const run = async (method, path) => {
    setBusy(true);
    report(null);
    try {
      const answer = await send(method, `${base}/${path}`);
      report({ outcome: answer.outcome || 'done' });
    } catch (e) {
      report({ error: e.message });
    } finally {
      setBusy(false);
      loadBank(bank.id).catch(() => {});
    }
  };
  const forced = bank.forcedAdapter === adapter.id;
  return html`
    <div class="actions">
      ${adapter.enabled && !forced && html`<button type="button" data-testid="action-activate" disabled=${busy}
          title="switch the bank to this adapter and keep it there (it must be healthy)" onClick=${() => run('POST', 'activate')}>Force active</button>`}
      ${forced && html`<button type="button" data-testid="action-release" disabled=${busy}
          title="let the failover policy choose again" onClick=${() => run('DELETE', 'activate')}>Release</button>`}
      ${adapter.enabled
        ? html`<button type="button" class="danger" data-testid="action-disable" disabled=${busy}
            title="stop this adapter (stored in the configuration)" onClick=${() => run('POST', 'disable')}>Disable</button>`
        : html`<button type="button" data-testid="action-enable" disabled=${busy} onClick=${() => run('POST', 'enable')}>Enable</button>`}
    </div>`;
}

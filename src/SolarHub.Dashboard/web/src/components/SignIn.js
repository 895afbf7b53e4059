import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { token } from '../token.js';

export function useToken() {
  const [value, setValue] = useState(token.value);
  useEffect(() => token.subscribe(setValue), []);
  return value;
}

/**
 * The operator's sign-in: the API token (solarhub run --api-token-file), kept in this tab's sessionStorage only.
 * The page cannot check it without changing something: a wrong token shows when the first action is refused.
 */
export function SignIn() {
  const current = useToken();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState('');

  if (current) {
    return html`<span class="signin"><span class="who">operator</span>
      <button type="button" data-testid="sign-out" onClick=${() => token.set('')}>Sign out</button></span>`;
  }
  if (!open) {
    return html`<span class="signin"><button type="button" data-testid="sign-in" onClick=${() => setOpen(true)}>Sign in</button></span>`;
  }
  const submit = (e) => {
    e.preventDefault();
    const value = draft.trim();
    if (!value) return;
    token.set(value);
    setDraft('');
    setOpen(false);
  };
  return html`
    <form class="signin open" onSubmit=${submit}>
      <input type="text" name="username" autocomplete="username" value="operator" hidden readonly />
      <label>API token
        <input type="password" autocomplete="current-password" data-testid="token-input" value=${draft}
          onInput=${(e) => setDraft(e.currentTarget.value)} placeholder="the node's API token" autofocus />
      </label>
      <button type="submit" data-testid="sign-in-submit">Sign in</button>
      <button type="button" class="quiet" onClick=${() => setOpen(false)}>Cancel</button>
    </form>`;
}

// The operator's API token: kept in sessionStorage only (gone when the tab closes), never in localStorage or a cookie.
const KEY = 'solarhub-api-token';
const listeners = new Set();

function read() {
  try {
    return sessionStorage.getItem(KEY) || '';
  } catch {
    return '';
  }
}

export const token = {
  value: read(),
  set(value) {
    this.value = value;
    try {
      if (value) sessionStorage.setItem(KEY, value);
      else sessionStorage.removeItem(KEY);
    } catch {
      // Storage refused (private mode): the token still holds for this page.
    }
    listeners.forEach((l) => l(value));
  },
  subscribe(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

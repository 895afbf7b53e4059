// The node's HTTP API (docs/api.md), by paths relative to the page, so the dashboard works behind a proxy's sub-path too.
import { token } from './token.js';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function errorOf(response) {
  try {
    const body = await response.json();
    if (body && typeof body.error === 'string') return new ApiError(response.status, body.error);
  } catch {
    // Not the API's JSON (a proxy's page): the status says enough.
  }
  return new ApiError(response.status, `the node answered ${response.status} ${response.statusText}`);
}

export async function getJson(path, { signal } = {}) {
  let response;
  try {
    response = await fetch(path, { headers: { Accept: 'application/json' }, signal, cache: 'no-store' });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'the node does not answer (network error)');
  }
  if (!response.ok) throw await errorOf(response);
  return response.json();
}

/** A state-changing call with the operator's token; resolves to the API's answer or throws its error message. */
export async function send(method, path) {
  const headers = { Accept: 'application/json' };
  const current = token.value;
  if (current) headers.Authorization = `Bearer ${current}`;
  let response;
  try {
    response = await fetch(path, { method, headers });
  } catch {
    throw new ApiError(0, 'the node does not answer (network error)');
  }
  if (!response.ok) {
    const error = await errorOf(response);
    // 401: the token is wrong (or the node's changed); 403: the node has none. Say what to do after the API's words.
    if (response.status === 401) error.message += ': sign out and sign in again with the node\'s API token';
    throw error;
  }
  return response.json();
}

export const enc = encodeURIComponent;

// Routes in the URL's fragment, so the node serves only "/": #/ overview, #/banks/{id}, #/banks/{id}/history, #/nodes.
import { useEffect, useState } from 'preact/hooks';

export function parseRoute(hash) {
  const path = (hash || '').replace(/^#/, '') || '/';
  const parts = path.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  if (parts[0] === 'banks' && parts[1] && parts[2] === 'history') return { view: 'history', bankId: parts[1] };
  if (parts[0] === 'banks' && parts[1] && parts.length === 2) return { view: 'bank', bankId: parts[1] };
  if (parts[0] === 'nodes' && parts.length === 1) return { view: 'nodes' };
  if (parts.length === 0) return { view: 'overview' };
  return { view: 'unknown', path };
}

export const bankHref = (id) => `#/banks/${encodeURIComponent(id)}`;
export const historyHref = (id) => `#/banks/${encodeURIComponent(id)}/history`;

export function useRoute() {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => {
      setRoute(parseRoute(location.hash));
      window.scrollTo(0, 0);
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

import { useEffect } from 'preact/hooks';
import { html } from '../html.js';
import { useRoute } from '../router.js';
import { useStore } from '../live/store.js';
import { loadBanks, loadCluster } from '../live/snapshots.js';
import { settings } from '../settings.js';
import { Header } from './Header.js';
import { Overview } from './Overview.js';
import { BankPage } from './BankPage.js';
import { HistoryPage } from './HistoryPage.js';
import { NodesView } from './NodesView.js';

export function App() {
  const route = useRoute();
  const store = useStore();

  useEffect(() => {
    loadBanks();
    if (settings.clustered) loadCluster();
    // Adapter counters and cluster membership come only from snapshots: refresh them now and then.
    const banks = setInterval(loadBanks, 10000);
    const cluster = settings.clustered ? setInterval(loadCluster, 5000) : 0;
    return () => {
      clearInterval(banks);
      clearInterval(cluster);
    };
  }, []);

  let page;
  switch (route.view) {
    case 'overview':
      page = html`<${Overview} store=${store} />`;
      break;
    case 'bank':
      page = html`<${BankPage} store=${store} bankId=${route.bankId} />`;
      break;
    case 'history':
      page = html`<${HistoryPage} store=${store} bankId=${route.bankId} />`;
      break;
    case 'nodes':
      page = html`<${NodesView} store=${store} />`;
      break;
    default:
      page = html`<section class="page"><p class="notice">There is no page <code>${route.path}</code>. <a href="#/">Back to the overview</a>.</p></section>`;
  }
  return html`<${Header} store=${store} route=${route} /><main>${page}</main>`;
}

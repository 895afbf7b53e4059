import { html } from '../html.js';
import { StreamStatus } from './StreamStatus.js';
import { SignIn } from './SignIn.js';
import { settings } from '../settings.js';

export function Header({ store, route }) {
  const clustered = settings.clustered;
  const link = (href, label, active) => html`<a href=${href} class=${active ? 'active' : ''} aria-current=${active ? 'page' : undefined}>${label}</a>`;
  return html`
    <header class="top">
      <a class="brand" href="#/"><span class="logo" aria-hidden="true"></span>SolarHub</a>
      <nav>
        ${link('#/', 'Banks', route.view === 'overview')}
        ${clustered && link('#/nodes', 'Nodes', route.view === 'nodes')}
      </nav>
      <${StreamStatus} stream=${store.stream} />
      <${SignIn} />
    </header>`;
}

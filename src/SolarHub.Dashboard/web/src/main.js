import { render } from 'preact';
import 'uplot/dist/uPlot.min.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/tiles.css';
import './styles/bank.css';
import './styles/history.css';
import { html } from './html.js';
import { App } from './components/App.js';

const root = document.getElementById('app');
// The page's own "Loading…" line goes: render() would keep it beside the app.
root.textContent = '';
render(html`<${App} />`, root);

import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { html } from '../html.js';

const HEIGHT = 200;

// Colours from the page's custom properties, so the charts follow light and dark.
function palette(element) {
  const css = getComputedStyle(element);
  const get = (name) => css.getPropertyValue(name).trim();
  return { text: get('--muted'), grid: get('--line'), line: get('--accent') };
}

function options(width, chart, aggregated, colours) {
  const axis = { stroke: colours.text, grid: { stroke: colours.grid, width: 1 }, ticks: { stroke: colours.grid, width: 1 } };
  const value = (u, v) => (v === null || v === undefined ? '–' : `${v.toFixed(chart.digits)} ${chart.unit}`);
  const series = [{}, { label: aggregated ? `${chart.title} (avg)` : chart.title, stroke: colours.line, width: 1.5, value, spanGaps: false }];
  if (aggregated) {
    const faint = { stroke: colours.grid, width: 1, value, spanGaps: false };
    series.push({ ...faint, label: 'min' }, { ...faint, label: 'max' });
  }
  return {
    width,
    height: HEIGHT,
    series,
    bands: aggregated ? [{ series: [3, 2], fill: `${colours.line}33` }] : [],
    axes: [axis, { ...axis, size: 60 }],
    scales: { x: { time: true } },
    legend: { live: true },
    cursor: { drag: { x: true, y: false } },
  };
}

/** One uPlot chart (one canvas) that fills its container's width and follows resizes. */
export function Chart({ chart, data }) {
  const box = useRef(null);
  const plot = useRef(null);

  useEffect(() => {
    const element = box.current;
    const col = data.columns[chart.key];
    const columns = data.aggregated ? [data.xs, col.avg, col.min, col.max] : [data.xs, col.avg];
    const width = Math.max(200, element.clientWidth);
    const span = { from: Date.parse(data.from) / 1000, to: Date.parse(data.to) / 1000 };
    plot.current = new uPlot(options(width, chart, data.aggregated, palette(element)), columns, element);
    // The whole span asked for, not only where samples are: a quiet stretch shows as empty, never as recent data.
    if (data.xs.length > 0) plot.current.setScale('x', { min: span.from, max: span.to });
    const resize = new ResizeObserver(() => {
      const w = Math.max(200, element.clientWidth);
      if (plot.current && Math.abs(plot.current.width - w) > 2) plot.current.setSize({ width: w, height: HEIGHT });
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.current.destroy();
      plot.current = null;
    };
  }, [data, chart]);

  return html`
    <figure class="panel chart" data-testid="history-chart" data-chart=${chart.key}>
      <figcaption>${chart.title} <span class="muted">(${chart.unit})</span></figcaption>
      <div class="chart-box" ref=${box}></div>
    </figure>`;
}

// Bar charts of the reports (Chart.js from lib/, loaded with the first chart). Every chart has its data in a table
// beside it, which is the accessible alternative; the canvas only carries a summary label.
/* global Chart */
import { el } from '../dom.js';

export const COLORS = ['#2c7fb8', '#f03b20', '#41ab5d', '#8856a7', '#fd8d3c', '#636363'];

const WHOLE = { precision: 0 };

let loading = null;
const live = new Set();

function loadChartJs() {
  loading ??= new Promise((resolve, reject) => {
    const script = el('script', { src: 'lib/chart.js/chart.umd.min.js' });
    script.onload = () => resolve(window.Chart);
    script.onerror = () => {
      loading = null;
      reject(new Error('Knihovnu grafů se nepodařilo načíst.'));
    };
    document.head.append(script);
  });
  return loading;
}

/** A figure with a canvas; draw it with drawBars once the figure is in the page. */
export function chartFigure({ title, summary, height = 320 }) {
  const canvas = el('canvas', { role: 'img', 'aria-label': `${title}. ${summary}` });
  const figure = el('figure', { class: 'report-chart' },
    el('figcaption', { text: title }),
    el('div', { class: 'chart-box', style: `height:${height}px` }, canvas),
    el('p', { class: 'hint chart-note', text: 'Tytéž údaje jsou v tabulce pod grafem.' }));
  return { figure, canvas };
}

// Long names (druhy, situations) in lines of about `width` characters, so the axis keeps its room for the bars.
function wrap(text, width = 30) {
  if (typeof text !== 'string' || text.length <= width) return text;
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && `${line} ${word}`.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return [...lines, line];
}

/** Draws a bar chart: labels on the category axis, one dataset per series ({label, data}). */
export async function drawBars(canvas, { labels, datasets, horizontal = false, stacked = false }) {
  const ChartJs = await loadChartJs();
  // Charts of a report that was left are dropped with their listeners.
  for (const c of live) {
    if (!c.canvas?.isConnected) {
      c.destroy();
      live.delete(c);
    }
  }
  if (!canvas.isConnected) return null;
  const chart = new ChartJs(canvas, {
    type: 'bar',
    data: {
      labels: labels.map((l) => wrap(l)),
      datasets: datasets.map((d, i) => ({ backgroundColor: COLORS[i % COLORS.length], borderWidth: 0, ...d })),
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      locale: 'cs-CZ',
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { display: datasets.length > 1, position: 'bottom' } },
      // Every chart counts people: the value axis has whole-number ticks, never 0,1 … 1,0.
      scales: {
        x: { stacked, ticks: { autoSkip: false, maxRotation: horizontal ? 0 : 60, ...(horizontal ? WHOLE : {}) }, beginAtZero: true },
        y: { stacked, ticks: { autoSkip: false, ...(horizontal ? {} : WHOLE) }, beginAtZero: true },
      },
    },
  });
  live.add(chart);
  return chart;
}

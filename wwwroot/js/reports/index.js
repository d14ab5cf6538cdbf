// "Reporty" (regional staff, administrators): objective need, permeability, adverse situations, duplicate
// applications and quarterly snapshots, each a tab addressed by the hash (#reporty/prostupnost?od=…&do=…).
import { el, fill } from '../dom.js';
import * as duplicates from './duplicates.js';
import * as need from './need.js';
import * as permeability from './permeability.js';
import * as situations from './situations.js';
import * as snapshots from './snapshots.js';

const REPORTS = [
  { id: 'potrebnost', title: 'Objektivní potřebnost', module: need },
  { id: 'prostupnost', title: 'Prostupnost', module: permeability },
  { id: 'situace', title: 'Nepříznivé situace', module: situations },
  { id: 'duplicity', title: 'Žadatelé na více pořadnících', module: duplicates },
  { id: 'snapshoty', title: 'Čtvrtletní stav uživatelů', module: snapshots },
];

export async function render(main, ctx) {
  const report = REPORTS.find((r) => r.id === ctx.path[0]) || REPORTS[0];
  const body = el('div', { class: 'report-body' }, el('p', { class: 'loading', text: 'Načítám…' }));
  fill(main,
    el('h1', { text: `Reporty – ${report.title.toLowerCase()}` }),
    el('nav', { class: 'report-tabs', 'aria-label': 'Reporty' },
      el('ul', {}, REPORTS.map((r) => el('li', {},
        el('a', { href: `#reporty/${r.id}`, text: r.title, 'aria-current': r.id === report.id ? 'page' : null }))))),
    body);
  document.title = `${report.title} – Reporty – KISSoS`;
  await report.module.render(body, { ...ctx, hashBase: `#reporty/${report.id}` });
}

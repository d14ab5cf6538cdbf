// Quarterly snapshots: users of every service by obec of residence on a quarter's last day, taken and shown here,
// so a service's real territorial reach is measured rather than declared.
import { getJson, send } from '../api.js';
import { el, fill } from '../dom.js';
import { formatDate, isoDate, withUnit } from '../format.js';
import { authed, session } from '../sprava/session.js';
import { obceOf } from '../sprava/territory.js';
import { notice, select, showProblem } from '../sprava/ui.js';
import { filterForm } from './filter.js';
import { reportTable } from './report-table.js';

const QUARTER_ENDS = ['03-31', '06-30', '09-30', '12-31'];

// The last eight quarter ends up to today, newest first.
function quarterEnds() {
  const today = isoDate();
  const list = [];
  for (let year = Number(today.slice(0, 4)); list.length < 8; year--) {
    for (const md of [...QUARTER_ENDS].reverse()) {
      const day = `${year}-${md}`;
      if (day <= today && list.length < 8) list.push(day);
    }
  }
  return list;
}

let flash = null;

export async function render(body, ctx) {
  const ends = quarterEnds();
  const quarterEnd = ends.includes(ctx.query.get('ctvrtleti')) ? ctx.query.get('ctvrtleti') : ends[0];
  const services = await authed(() => getJson('/api/my/services'));
  const serviceName = new Map(services.map((s) => [s.id, s.name]));
  const service = serviceName.has(ctx.query.get('sluzba')) ? ctx.query.get('sluzba') : '';
  const inputs = {
    ctvrtleti: select(ends.map((d) => [d, formatDate(d)]), quarterEnd),
    sluzba: select([['', 'všechny služby'], ...[...services].sort((a, b) => a.name.localeCompare(b.name, 'cs')).map((s) => [s.id, s.name])], service),
  };
  const form = filterForm({
    inputs, labels: { ctvrtleti: 'Konec čtvrtletí', sluzba: 'Služba' }, hashBase: ctx.hashBase, onSame: () => render(body, ctx),
  });
  const take = el('button', { type: 'button', class: 'button-secondary', text: `Zaznamenat stav k ${formatDate(quarterEnd)}` });
  const result = el('div', { class: 'report-result', 'aria-live': 'polite' }, el('p', { class: 'loading', text: 'Načítám…' }));
  const shownFlash = flash;
  flash = null;
  fill(body,
    el('p', { class: 'lead', text: 'Stav uživatelů každé služby podle obce bydliště k poslednímu dni čtvrtletí. Zaznamenaný stav se uchová; opakované zaznamenání jej přepočítá z aktuálních registrů.' }),
    shownFlash ? notice(shownFlash) : null,
    form,
    el('div', { class: 'snapshot-take' }, take,
      el('span', { class: 'hint', text: 'Stav se zaznamenává pro všechny služby najednou.' })),
    result);
  take.addEventListener('click', async () => {
    take.disabled = true;
    try {
      const r = await authed(() => send('POST', '/api/registers/snapshots', { quarterEnd }));
      flash = `Stav k ${formatDate(r.quarterEnd)} byl zaznamenán: ${withUnit(r.rows, 'řádek')} (služba × obec).`;
      await render(body, ctx);
    } catch (err) {
      showProblem(form, err, { title: 'Stav nelze zaznamenat' });
    } finally {
      take.disabled = false;
    }
  });

  let rows, names;
  try {
    const q = new URLSearchParams({ quarterEnd });
    if (service) q.set('service', service);
    [rows, names] = await Promise.all([authed(() => getJson(`/api/registers/snapshots?${q}`)), obecNames()]);
  } catch (err) {
    result.replaceChildren();
    showProblem(form, err, { title: 'Report nelze načíst' });
    return;
  }
  const perService = new Map();
  for (const r of rows) {
    const s = perService.get(r.serviceId) || { serviceId: r.serviceId, obce: 0, users: 0 };
    s.obce++;
    s.users += r.users;
    perService.set(r.serviceId, s);
  }
  const nameOf = (id) => serviceName.get(id) || id;
  const summary = [...perService.values()].sort((a, b) => b.users - a.users);
  const when = formatDate(quarterEnd);
  if (!rows.length) {
    fill(result, el('p', { class: 'notice notice-info', text: `Stav k ${when} zatím nebyl zaznamenán, nebo ${service ? 'služba' : 'služby'} v té době ${service ? 'neměla' : 'neměly'} žádné uživatele.` }));
    return;
  }
  fill(result,
    service ? null : reportTable({
      caption: `Uživatelé služeb k ${when}`,
      filename: `stav-uzivatelu-${quarterEnd}.csv`,
      rows: summary,
      empty: 'Žádné údaje.',
      columns: [
        { label: 'Služba', value: (s) => nameOf(s.serviceId), cell: (s) => el('a', { href: `${ctx.hashBase}?${new URLSearchParams({ ctvrtleti: quarterEnd, sluzba: s.serviceId })}`, text: nameOf(s.serviceId) }) },
        { label: 'Obcí bydliště', value: (s) => s.obce, num: true },
        { label: 'Uživatelů', value: (s) => s.users, num: true },
      ],
    }),
    el('h2', { class: 'report-subtitle', text: service ? nameOf(service) : 'Podle služby a obce bydliště' }),
    reportTable({
      caption: `Uživatelé ${service ? `služby ${nameOf(service)} ` : ''}podle obce bydliště k ${when}`,
      filename: `stav-uzivatelu-obce-${quarterEnd}${service ? `-${service}` : ''}.csv`,
      rows: [...rows].sort((a, b) => (service ? b.users - a.users : nameOf(a.serviceId).localeCompare(nameOf(b.serviceId), 'cs') || b.users - a.users)),
      empty: 'Žádné údaje.',
      columns: [
        ...(service ? [] : [{ label: 'Služba', value: (r) => nameOf(r.serviceId) }]),
        { label: 'Obec bydliště', value: (r) => names.get(r.obecCode) || r.obecCode },
        { label: 'Kód obce', value: (r) => r.obecCode },
        { label: 'Uživatelů', value: (r) => r.users, num: true },
      ],
    }));
}

// Names of the obce of the staff member's kraj; elsewhere (and for administrators) the code stands.
async function obecNames() {
  const kraj = session.account?.kraj;
  const obce = kraj ? await obceOf(kraj).catch(() => []) : [];
  return new Map(obce.map((o) => [o.properties.code, o.properties.name]));
}

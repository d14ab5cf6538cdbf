// Nastavení formulářů (regional staff, formulare.html?nastaveni=1): the term calendar, the network with its units, and
// the templates — copy to a new year, rename rows and columns or add a row or a source column (each save is a new
// version; filed forms keep theirs), or download and upload the template file. The server checks everything.
import { ApiError, getJson, problemText, send, sendCsv } from '../api.js';
import { el, fill } from '../dom.js';
import { notice, select } from '../sprava/ui.js';

const enc = encodeURIComponent;
const TYPES = [['money', 'částka (Kč)'], ['fte', 'úvazky'], ['int', 'celé číslo'], ['percent', 'procento'], ['text', 'text']];

/** The server's error keys in Czech (CSV lines come as "řádek N" already). */
const FIELDS = {
  name: 'Název', dataAsOf: 'Data k', dueFrom: 'Odevzdání od', dueTo: 'Odevzdání do', network: 'Síť', template: 'Šablona', toYear: 'Do roku',
};

/** The problem as a notice, with each line, field or cell the server named. */
function problemNotice(err) {
  const errors = err instanceof ApiError ? Object.entries(err.problem?.errors || {}) : [];
  return notice(err instanceof ApiError ? (err.problem?.title || problemText(err)) : problemText(err), 'error',
    errors.length ? el('ul', { class: 'xlsx-errors' }, errors.map(([where, msgs]) => el('li', { text: `${FIELDS[where] || where}: ${[].concat(msgs).join(', ')}` }))) : null);
}

/**
 * Runs an action, showing its outcome in the box: the text on success, the server's problem otherwise. Answers the
 * server's answer (true when it had no body), or null when it failed.
 */
async function attempt(box, action, success) {
  fill(box);
  try {
    const result = await action();
    fill(box, notice(success(result)));
    return result ?? true;
  } catch (err) {
    fill(box, problemNotice(err));
    return null;
  }
}

function termsSection(year, krajQuery, terms) {
  const box = el('div', { 'aria-live': 'polite' });
  const rows = [1, 2, 3, 4].map((n) => {
    const t = terms.find((x) => x.term === n) || {};
    const input = (name, type, value) => el('input', { type, name, value: value || '', 'aria-label': `${n}. termín: ${name}` });
    const name = input('název', 'text', t.name);
    const asOf = input('data k', 'date', t.dataAsOf);
    const from = input('odevzdání od', 'date', t.dueFrom);
    const to = input('odevzdání do', 'date', t.dueTo);
    const save = () => attempt(box, () => send('PUT', `/api/forms/terms/${year}/${n}${krajQuery}`,
      { name: name.value, dataAsOf: asOf.value || null, dueFrom: from.value || null, dueTo: to.value || null }),
    () => `${n}. termín uložen.`);
    return el('tr', { 'data-term': String(n) }, el('th', { scope: 'row', text: `${n}.` }),
      [name, asOf, from, to].map((i) => el('td', {}, i)),
      el('td', {}, el('button', { type: 'button', class: 'button-secondary', text: 'Uložit', onclick: save })));
  });
  return el('section', { class: 'forms-settings', 'aria-labelledby': 'terms-title' },
    el('h2', { id: 'terms-title', text: `Termíny roku ${year}` }),
    el('table', { class: 'data-table' },
      el('thead', {}, el('tr', {}, ['Termín', 'Název', 'Data k', 'Odevzdání od', 'Odevzdání do', ''].map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, rows)), box);
}

function networkSection(year, krajQuery, network, reload) {
  const box = el('div', { 'aria-live': 'polite' });
  const number = (value, label, step) => el('input', { type: 'number', min: '0', step, value: value ?? '', 'aria-label': label, class: 'num-input' });
  const rows = network.map((n) => {
    const units = number(n.units, `Úvazky: ${n.serviceName}`, '0.01');
    const beds = number(n.beds, `Lůžka: ${n.serviceName}`, '1');
    const put = () => attempt(box, () => send('PUT', `/api/forms/network/${year}/${enc(n.serviceId)}${krajQuery}`,
      { units: Number(units.value), beds: beds.value === '' ? null : Number(beds.value) }), () => `Uloženo: ${n.serviceName}.`);
    const remove = async () => {
      if (await attempt(box, () => send('DELETE', `/api/forms/network/${year}/${enc(n.serviceId)}${krajQuery}`), () => '')) reload(`Odebráno ze sítě: ${n.serviceName}.`);
    };
    return el('tr', { 'data-service': n.serviceId }, el('td', { text: `${n.serviceName} (${n.serviceId})` }), el('td', { text: n.providerIco }),
      el('td', {}, units), el('td', {}, beds),
      el('td', { class: 'button-row' }, el('button', { type: 'button', class: 'button-secondary', text: 'Uložit', onclick: put }),
        el('button', { type: 'button', class: 'button-secondary', text: 'Odebrat ze sítě', onclick: remove })));
  });
  const newId = el('input', { type: 'text', 'aria-label': 'Kód služby (např. mpsv-4365)', placeholder: 'mpsv-4365' });
  const newUnits = number('', 'Úvazky nové služby', '0.01');
  const newBeds = number('', 'Lůžka nové služby', '1');
  const add = async () => {
    const done = await attempt(box, () => send('PUT', `/api/forms/network/${year}/${enc(newId.value.trim())}${krajQuery}`,
      { units: Number(newUnits.value), beds: newBeds.value === '' ? null : Number(newBeds.value) }), () => '');
    if (done) reload(`Zařazeno do sítě: ${done.serviceId}.`);
  };
  const file = el('input', { type: 'file', accept: '.csv,text/csv', 'aria-label': 'Import sítě z CSV (sluzba;uvazky;luzka)' });
  file.addEventListener('change', async () => {
    if (!file.files[0]) return;
    const done = await attempt(box, () => sendCsv(`/api/forms/network/${year}/import${krajQuery}`, file.files[0]), (r) => `Importováno služeb: ${r.imported}.`);
    file.value = '';
    if (done) reload(`Importováno služeb: ${done.imported}.`);
  });
  return el('section', { class: 'forms-settings', 'aria-labelledby': 'network-title' },
    el('h2', { id: 'network-title', text: `Síť sociálních služeb roku ${year} (${network.length})` }),
    el('p', { class: 'field-hint', text: 'Úvazky přímé péče (2 desetinná místa) a lůžka jsou výchozí hodnoty formulářů (levý sloupec „Počet jednotek služby“).' }),
    el('div', { class: 'button-row' }, newId, newUnits, newBeds, el('button', { type: 'button', class: 'button-primary', text: 'Zařadit do sítě', onclick: add }),
      el('label', { class: 'button-secondary' }, 'Import CSV ', file)),
    box,
    el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Služby v síti' },
      el('table', { class: 'data-table' },
        el('thead', {}, el('tr', {}, ['Služba', 'IČO', 'Úvazky', 'Lůžka', ''].map((h) => el('th', { scope: 'col', text: h })))),
        el('tbody', {}, rows))));
}

/**
 * The editor of one template version: names of sets' columns and labels of rows, a new row (optionally counted in a
 * sum row) and a new source column (counted in the set's sum columns). Saving uploads the changed file as a new version.
 */
function templateEditor(definition, box, reload) {
  const template = structuredClone(definition);
  const input = (value, label, onInput) => {
    const i = el('input', { type: 'text', value, 'aria-label': label, class: 'label-input' });
    i.addEventListener('input', () => onInput(i.value));
    return i;
  };
  const sets = template.sets.map((set) => {
    const code = el('input', { type: 'text', 'aria-label': `${set.name}: kód nového řádku`, placeholder: 'kód' });
    const label = el('input', { type: 'text', 'aria-label': `${set.name}: název nového řádku`, placeholder: 'název' });
    const type = select(TYPES, 'money', { 'aria-label': `${set.name}: typ nového řádku` });
    const sums = set.rows.filter((r) => r.kind === 'sum');
    const sumRow = select([['', 'nezapočítat do součtu'], ...sums.map((r) => [r.code, `započítat do ${r.code}`])], '', { 'aria-label': `${set.name}: součtový řádek` });
    const columnCode = el('input', { type: 'text', 'aria-label': `${set.name}: kód nového sloupce`, placeholder: 'kód' });
    const columnName = el('input', { type: 'text', 'aria-label': `${set.name}: název nového sloupce`, placeholder: 'název' });
    const addRow = () => {
      const row = { code: code.value.trim(), label: label.value.trim(), type: type.value, level: 0 };
      const total = set.rows.find((r) => r.code === sumRow.value);
      if (total) {
        // Under its sum row, after the rows that sum already counts.
        const at = Math.max(set.rows.indexOf(total), ...total.sum.map((c) => set.rows.findIndex((r) => r.code === c.replace(/^-/, ''))));
        set.rows.splice(at + 1, 0, { ...row, level: (total.level || 0) + 1 });
        total.sum.push(row.code);
      } else set.rows.push(row);
      save(`Řádek ${code.value.trim()} přidán`);
    };
    const addColumn = () => {
      const at = set.columns.findIndex((c) => c.kind === 'sum');
      const column = { code: columnCode.value.trim(), name: columnName.value.trim() };
      // A new source column goes before the sums and is counted in each of them.
      if (at < 0) set.columns.push(column); else set.columns.splice(at, 0, column);
      for (const c of set.columns.filter((x) => x.kind === 'sum')) c.sum.push(column.code);
      save(`Sloupec ${column.code} přidán`);
    };
    return el('details', { class: 'template-set', 'data-set': set.code }, el('summary', { text: `${set.name} (${set.code})` }),
      el('h4', { text: 'Sloupce' }),
      el('ul', {}, set.columns.map((c) => el('li', {}, `${c.code}: `, input(c.name, `${set.name}: název sloupce ${c.code}`, (v) => { c.name = v; })))),
      el('div', { class: 'button-row' }, columnCode, columnName, el('button', { type: 'button', class: 'button-secondary', text: 'Přidat sloupec', onclick: addColumn })),
      el('h4', { text: 'Řádky' }),
      el('ul', {}, set.rows.map((r) => el('li', {}, `${r.code}: `, input(r.label, `${set.name}: název řádku ${r.code}`, (v) => { r.label = v; })))),
      el('div', { class: 'button-row' }, code, label, type, sumRow, el('button', { type: 'button', class: 'button-secondary', text: 'Přidat řádek', onclick: addRow })));
  });
  const save = (what = 'Šablona uložena') => attempt(box, () => send('POST', '/api/forms/templates', template),
    (r) => `${what}: nová verze ${r.version} šablony roku ${r.year}.`).then((r) => r && reload(box.textContent));
  return el('div', { class: 'template-editor' },
    el('p', { class: 'field-hint', text: 'Uložení vytvoří novou verzi šablony; už založené formuláře si ponechají svou verzi.' }),
    sets, el('button', { type: 'button', class: 'button-primary', text: 'Uložit změny názvů jako novou verzi', onclick: () => save() }));
}

function templatesSection(year, krajQuery, templates, reload) {
  const box = el('div', { 'aria-live': 'polite' });
  const editorSlot = el('div');
  const edit = async (t) => fill(editorSlot, el('h3', { text: `Úprava: ${t.name} ${t.year}, verze ${t.version}` }),
    templateEditor(await getJson(`/api/forms/templates/${t.id}`), box, reload));
  const rows = templates.map((t) => el('tr', { 'data-template': String(t.id) },
    el('td', { text: t.name }), el('td', { text: String(t.year) }), el('td', { text: String(t.version) }),
    el('td', { text: `${t.createdBy}, ${new Date(t.createdAt).toLocaleString('cs-CZ')}` }),
    el('td', { class: 'button-row' },
      el('a', { class: 'button-secondary', href: `/api/forms/templates/${t.id}`, download: `sablona-${t.family}-${t.year}-v${t.version}.json`, text: 'Stáhnout soubor' }),
      el('button', { type: 'button', class: 'button-secondary', text: 'Upravit', onclick: () => edit(t).catch((err) => fill(box, problemNotice(err))) }))));
  const from = el('input', { type: 'number', value: String(year - 1), 'aria-label': 'Zkopírovat z roku', class: 'num-input' });
  const to = el('input', { type: 'number', value: String(year), 'aria-label': 'Do roku', class: 'num-input' });
  const copy = () => attempt(box, () => send('POST', `/api/forms/templates/copy${krajQuery}`, { fromYear: Number(from.value), toYear: Number(to.value) }),
    (r) => `Šablona zkopírována: rok ${r.year}, verze ${r.version}.`).then((r) => r && reload(box.textContent));
  const file = el('input', { type: 'file', accept: '.json,application/json', 'aria-label': 'Nahrát soubor šablony (JSON)' });
  file.addEventListener('change', async () => {
    const chosen = file.files[0];
    file.value = '';
    if (!chosen) return;
    let parsed;
    try { parsed = JSON.parse(await chosen.text()); } catch { fill(box, notice('Soubor není platný JSON šablony.', 'error')); return; }
    const r = await attempt(box, () => send('POST', '/api/forms/templates', parsed), (v) => `Nahráno: verze ${v.version} šablony roku ${v.year}.`);
    if (r) reload(box.textContent);
  });
  return el('section', { class: 'forms-settings', 'aria-labelledby': 'templates-title' },
    el('h2', { id: 'templates-title', text: 'Šablony' }),
    el('div', { class: 'button-row' }, 'Zkopírovat nejnovější šablonu roku ', from, ' do roku ', to,
      el('button', { type: 'button', class: 'button-secondary', text: 'Zkopírovat', onclick: copy }),
      el('label', { class: 'button-secondary' }, 'Nahrát soubor šablony ', file)),
    box,
    el('table', { class: 'data-table' },
      el('thead', {}, el('tr', {}, ['Šablona', 'Rok', 'Verze', 'Vytvořil', ''].map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, rows)),
    editorSlot);
}

/** Renders the settings of a year into main; `kraj` is the admin's chosen kraj (staff: null, the server knows theirs). */
export async function staffSettings(main, { year, kraj, years, onYear }) {
  const krajQuery = kraj ? `?kraj=${enc(kraj)}` : '';
  const and = kraj ? `&kraj=${enc(kraj)}` : '';
  const render = async (message) => {
    const [terms, network, templates] = await Promise.all([
      getJson(`/api/forms/terms?year=${year}${and}`), getJson(`/api/forms/network?year=${year}${and}`), getJson(`/api/forms/templates${krajQuery}`)]);
    const yearSelect = select(years, String(year), { id: 'settings-year' });
    yearSelect.addEventListener('change', () => onYear(yearSelect.value));
    fill(main, el('h1', { text: 'Nastavení formulářů kraje' }),
      el('p', {}, el('a', { href: `?rok=${year}`, text: '← Přehled formulářů' })),
      el('p', {}, el('label', { for: 'settings-year', text: 'Rok ' }), yearSelect),
      message ? notice(message) : null,
      termsSection(year, krajQuery, terms),
      networkSection(year, krajQuery, network, render),
      templatesSection(year, krajQuery, templates, render));
  };
  await render();
}

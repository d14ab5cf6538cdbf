// The edit form of one service: what its provider keeps itself, saved with the version it was read at.
import { ApiError, getJson, send } from '../api.js';
import { el, fill } from '../dom.js';
import { formatNumber, withUnit } from '../format.js';
import { catchmentEditor } from './catchment.js';
import { conflictBox } from './conflict.js';
import { capacityEditor, checkGroup, listEditor } from './editors.js';
import { toWgs84 } from './krovak.js';
import { placesEditor } from './places.js';
import { authed, session } from './session.js';
import { krajAt, taxonomy } from './territory.js';
import { checkRequired, clearErrors, field, groupError, notice, showErrors, showProblem, trackDirty } from './ui.js';

const enc = encodeURIComponent;
const load = (id) => authed(() => getJson(`/api/my/services/${enc(id)}`));
const FORM_NAMES = { pob: 'pobytová', amb: 'ambulantní', ter: 'terénní' };

const FIELD_NAMES = {
  description: 'Popis', webs: 'Weby', emails: 'E-maily', phones: 'Telefony', contacts: 'Kontakty',
  capacities: 'Kapacita', targetGroups: 'Cílové skupiny', ageCategories: 'Věkové kategorie', places: 'Místa poskytování',
  catchmentOrp: 'Územní působnost – ORP', catchmentObce: 'Územní působnost – obce', version: 'Verze záznamu',
};

export async function renderServiceForm(main, id, ctx, flash) {
  const [data, tax] = await Promise.all([load(id), taxonomy()]);
  const firstPoint = data.places.find((p) => p.point)?.point;
  const kraj = (await krajAt(firstPoint ? [firstPoint.x, firstPoint.y] : null)) || session.account?.kraj || '';
  await draw(main, data, tax, kraj, ctx, flash);
}

// Readable values for the side-by-side comparison after a conflict.
function describe(key, value, tax) {
  const name = (list, code) => list.find((x) => x.code === code)?.name || code;
  const units = Object.fromEntries(tax.capacityTypes.map((c) => [c.code, c.unit]));
  switch (key) {
    case 'capacities':
      return value.map((c) => `${FORM_NAMES[c.form] || c.form}: ${withUnit(c.amount, units[c.type] || c.type)}`);
    case 'targetGroups': return value.map((c) => name(tax.targetGroups, c)).sort();
    case 'ageCategories': return value.map((c) => name(tax.ageCategories, c)).sort();
    case 'catchmentOrp': case 'catchmentObce': return [...value].sort();
    case 'places':
      return value.map((p) => {
        const ll = p.point && (p.point.crs === 'EPSG:4326' ? [p.point.x, p.point.y] : toWgs84(p.point.x, p.point.y));
        const address = [p.street, [p.houseNumber, p.orientationNumber].filter(Boolean).join('/'), p.postCode].filter(Boolean).join(' ');
        return `${p.facilityName}${address ? `, ${address}` : ''}, obec ${p.obecCode}${ll ? `, bod ${ll[1].toFixed(5)} N ${ll[0].toFixed(5)} E` : ', bez polohy'}`;
      });
    case 'description': return value ? [value] : [];
    default: return value;
  }
}

async function draw(main, data, tax, kraj, ctx, flash) {
  let version = data.version;
  const druh = tax.druhy.find((d) => d.code === data.druhCode);

  const description = el('textarea', { rows: 6, maxlength: 4000, name: 'description' });
  description.value = data.description || '';
  const counter = el('span', { class: 'counter', 'aria-live': 'off' });
  const count = () => { counter.textContent = `${formatNumber(description.value.length)} / 4 000 znaků`; };
  description.addEventListener('input', count);
  count();

  const webs = listEditor({ legend: 'Webové stránky', values: data.webs, itemLabel: 'Web', addLabel: 'Přidat web', errorFor: 'webs', type: 'text' });
  const emails = listEditor({ legend: 'E-maily', values: data.emails, itemLabel: 'E-mail', addLabel: 'Přidat e-mail', errorFor: 'emails', type: 'email' });
  const phones = listEditor({ legend: 'Telefony', values: data.phones, itemLabel: 'Telefon', addLabel: 'Přidat telefon', errorFor: 'phones', type: 'tel' });
  const capacity = capacityEditor({ forms: data.forms, capacities: data.capacities, capacityTypes: tax.capacityTypes });
  const byName = (a, b) => a.name.localeCompare(b.name, 'cs');
  const targetGroups = checkGroup({
    legend: 'Cílové skupiny', items: [...tax.targetGroups].sort(byName), selected: data.targetGroups, errorFor: 'targetGroups',
    hint: 'Pro koho je služba určena (podle číselníku MPSV).',
  });
  const ageCategories = checkGroup({ legend: 'Věkové kategorie', items: tax.ageCategories, selected: data.ageCategories, errorFor: 'ageCategories' });
  const places = placesEditor(data.places);
  const catchment = catchmentEditor({ orp: data.catchmentOrp, obce: data.catchmentObce, kraj });

  const saveButton = el('button', { type: 'submit', class: 'button-primary', text: 'Uložit změny' });
  const status = el('span', { class: 'save-status', role: 'status' });
  const form = el('form', { id: 'service-form', class: 'edit-form', novalidate: true },
    el('fieldset', { class: 'form-section' },
      el('legend', { text: 'Popis služby' }),
      field({ label: 'Popis pro veřejnost', input: description, errorFor: 'description', hint: 'Co služba nabízí, komu a jak ji lze využít. Zobrazí se na kartě služby v mapě.' }),
      counter),
    el('fieldset', { class: 'form-section' },
      el('legend', { text: 'Kontakty' }),
      el('div', { class: 'grid-3' }, webs.element, emails.element, phones.element),
      groupError('contacts')),
    capacity.element,
    targetGroups.element,
    ageCategories.element,
    places.element,
    catchment.element,
    el('div', { class: 'form-actions sticky-actions' },
      saveButton,
      el('a', { href: '#sluzby', class: 'button-secondary', text: 'Zpět na seznam' }),
      status));

  const dirty = trackDirty(form);
  ctx.setGuard(() => dirty.dirty);

  function collect() {
    const errors = checkRequired(form);
    const caps = capacity.value();
    if (caps.error) errors.capacities = [caps.error];
    const pl = places.value();
    if (pl.errors) Object.assign(errors, pl.errors);
    return {
      errors,
      edit: {
        description: description.value.trim() || null,
        webs: webs.value(),
        emails: emails.value(),
        phones: phones.value(),
        capacities: caps.value,
        targetGroups: targetGroups.value(),
        ageCategories: ageCategories.value(),
        places: pl.value,
        ...catchment.value(),
        version,
      },
    };
  }

  let conflict = null;
  async function save() {
    conflict?.remove();
    main.querySelector('.notice')?.remove();
    const { errors, edit } = collect();
    if (Object.keys(errors).length) {
      showErrors(form, errors, { title: 'Zkontrolujte prosím formulář', names: FIELD_NAMES });
      return;
    }
    clearErrors(form);
    saveButton.disabled = true;
    status.textContent = 'Ukládám…';
    try {
      await authed(() => send('PUT', `/api/my/services/${enc(data.id)}`, edit));
      dirty.dirty = false;
      ctx.setGuard(null);
      // Drawn again from the server, so new places carry their ids and the form holds what was stored.
      await renderServiceForm(main, data.id, ctx, 'Změny byly uloženy. Na veřejné mapě se projeví hned.');
    } catch (err) {
      status.textContent = '';
      if (err instanceof ApiError && err.status === 409) {
        conflict = conflictBox({
          problem: err.problem,
          mine: edit,
          loadCurrent: () => load(data.id),
          compareKeys: ['description', 'webs', 'emails', 'phones', 'capacities', 'targetGroups', 'ageCategories', 'places', 'catchmentOrp', 'catchmentObce'],
          names: FIELD_NAMES,
          describe: (key, value) => describe(key, value, tax),
          onKeepMine: (current) => { version = current.version; form.requestSubmit(); },
          onTakeCurrent: () => { dirty.dirty = false; ctx.setGuard(null); return renderServiceForm(main, data.id, ctx, 'Formulář ukazuje aktuálně uložený stav.'); },
        });
        form.prepend(conflict);
        conflict.focus();
      } else {
        showProblem(form, err, { names: FIELD_NAMES, title: 'Službu nelze uložit' });
      }
    } finally {
      saveButton.disabled = false;
    }
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    save();
  });

  fill(main, 
    el('p', { class: 'breadcrumb' }, el('a', { href: '#sluzby', text: 'Moje služby' }), ' / úprava služby'),
    el('h1', { text: data.name }),
    el('dl', { class: 'registry-facts' },
      el('dt', { text: 'Druh' }), el('dd', { text: druh ? `${druh.name}${druh.paragraph ? ` (${druh.paragraph})` : ''}` : data.druhCode }),
      el('dt', { text: 'Formy' }), el('dd', { text: data.forms.map((f) => FORM_NAMES[f] || f).join(', ') }),
      el('dt', { text: 'Identifikátor' }), el('dd', { text: data.id })),
    el('p', { class: 'field-hint', text: 'Název, druh a formy poskytování jsou údaje registru poskytovatelů (MPSV) a zde se nemění. Povinné údaje jsou označeny hvězdičkou.' }),
    flash ? notice(flash) : null,
    form);
  // Leaflet needs its boxes in the page before it can draw. The form is ready (and its save complete) once both
  // maps have their data: a save clicked earlier would read a half-loaded form.
  await Promise.all([
    places.mount().catch((err) => form.prepend(notice(`Mapu míst se nepodařilo načíst: ${err.message}`, 'warn'))),
    catchment.mount().catch((err) => form.prepend(notice(`Mapu územní působnosti se nepodařilo načíst: ${err.message}`, 'warn'))),
  ]);
  // After a save the form is new: the message at its top is where the user continues.
  if (flash) main.querySelector('.notice')?.focus();
}

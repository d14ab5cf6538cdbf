// "Volná místa": the account's vacancies (active, expired, withdrawn), and the form to publish, change or withdraw one.
import { ApiError, getJson, send } from '../api.js';
import { el, fill } from '../dom.js';
import { formatDate, formatDateTime, formatNumber, isoDate, vacantPlaces } from '../format.js';
import { floorText } from '../vacancy-card.js';
import { conflictBox } from './conflict.js';
import { myServices } from './services.js';
import { authed } from './session.js';
import { taxonomy } from './territory.js';
import { checkRequired, clearErrors, confirmDialog, field, notice, select, setOptions, showErrors, showProblem, trackDirty } from './ui.js';

const MAX_DAYS = 365;
const STATUS_NAMES = { active: 'Zveřejněné', expired: 'Vypršelé', withdrawn: 'Stažené' };
const FIELD_NAMES = {
  serviceId: 'Služba', placeId: 'Místo poskytování', places: 'Počet volných míst', availableFrom: 'Volné od',
  validUntil: 'Nabídka platí do', targetGroup: 'Cílová skupina', description: 'Popis místa', floor: 'Podlaží',
  barrierNote: 'Bariéry', contactName: 'Kontaktní osoba', contactPhone: 'Telefon', contactEmail: 'E-mail', version: 'Verze záznamu',
};

let flash = null; // {text, link?} shown once on the list after a change

const statusOf = (v) => (v.withdrawnAt ? 'withdrawn' : v.validUntil < isoDate() ? 'expired' : 'active');
const loadMine = () => authed(() => getJson('/api/my/vacancies'));

export async function render(main, ctx) {
  const [vacancies, services, tax] = await Promise.all([loadMine(), myServices(), taxonomy()]);
  const residential = services.filter((s) => s.forms.includes('pob'));
  const [what] = ctx.path;
  if (what === 'nova') {
    const template = vacancies.find((v) => v.id === ctx.query.get('podle'));
    renderForm(main, { residential, tax, ctx, template });
  } else if (what) {
    const vacancy = vacancies.find((v) => v.id === what);
    if (!vacancy) {
      fill(main, el('h1', { text: 'Volné místo' }),
        notice('Taková nabídka mezi vašimi není.', 'warn', el('p', {}, el('a', { href: '#volna-mista', text: 'Zpět na volná místa' }))));
      return;
    }
    renderForm(main, { residential, tax, ctx, vacancy });
  } else {
    renderList(main, { vacancies, services, residential, ctx });
  }
}

// List ---------------------------------------------------------------------------------------------------------

function renderList(main, { vacancies, services, residential, ctx }) {
  const serviceById = new Map(services.map((s) => [s.id, s]));
  const placeName = (v) => serviceById.get(v.serviceId)?.places.find((p) => p.placeId === v.placeId)?.facilityName;
  const groups = { active: [], expired: [], withdrawn: [] };
  for (const v of vacancies) groups[statusOf(v)].push(v);
  let shown = ctx.query.get('stav') in groups ? ctx.query.get('stav') : 'active';

  const tbody = el('tbody');
  const empty = el('p', { class: 'missing' });
  const table = el('table', { class: 'data-table vacancy-table' },
    el('thead', {}, el('tr', {},
      ['Služba a místo', 'Volná místa', 'Volné od', 'Platí do', 'Popis', 'Akce'].map((t) => el('th', { scope: 'col', text: t })))),
    tbody);

  async function withdraw(v, button) {
    const ok = await confirmDialog({
      title: 'Stáhnout nabídku?',
      text: `Nabídka „${v.description}“ zmizí z veřejné mapy. Později ji můžete zveřejnit znovu jako novou.`,
      ok: 'Stáhnout nabídku',
    });
    if (!ok) return;
    button.disabled = true;
    try {
      await authed(() => send('DELETE', `/api/my/vacancies/${encodeURIComponent(v.id)}`));
      flash = { text: 'Nabídka byla stažena a z veřejné mapy zmizela.' };
      await render(main, ctx);
    } catch (err) {
      button.disabled = false;
      main.querySelector('.notice')?.remove();
      table.before(notice(`Nabídku se nepodařilo stáhnout. ${err.problem?.detail || err.message}`, 'error'));
    }
  }

  function draw() {
    for (const b of tabs.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.value === shown));
    const rows = groups[shown];
    tbody.replaceChildren(...rows.map((v) => {
      const service = serviceById.get(v.serviceId);
      const facility = placeName(v);
      return el('tr', { 'data-vacancy-id': v.id },
        el('td', {},
          el('strong', { text: service?.name || v.serviceId }),
          facility && facility !== service?.name ? el('div', { class: 'muted', text: facility }) : null),
        el('td', { class: 'nowrap', text: vacantPlaces(v.places) }),
        el('td', { class: 'nowrap', text: formatDate(v.availableFrom) }),
        el('td', { class: 'nowrap', text: formatDate(v.validUntil) }),
        el('td', { class: 'vacancy-desc' }, el('span', { text: v.description }),
          v.barrierFree ? el('span', { class: 'badge badge-ok', text: 'bezbariérové' }) : null,
          el('div', { class: 'muted small', text: v.withdrawnAt ? `staženo ${formatDateTime(v.withdrawnAt)}` : `aktualizováno ${formatDateTime(v.updatedAt)}` })),
        el('td', { class: 'row-actions' },
          shown === 'active'
            ? [
              el('a', { class: 'button-secondary', href: `#volna-mista/${encodeURIComponent(v.id)}`, text: 'Upravit' }),
              el('button', { type: 'button', class: 'button-secondary button-danger', text: 'Stáhnout', onclick: (e) => withdraw(v, e.currentTarget) }),
            ]
            : el('a', { class: 'button-secondary', href: `#volna-mista/nova?podle=${encodeURIComponent(v.id)}`, text: 'Zveřejnit znovu' })));
    }));
    table.hidden = rows.length === 0;
    empty.hidden = rows.length > 0;
    empty.textContent = shown === 'active'
      ? 'Žádná zveřejněná nabídka volného místa.'
      : `Žádné ${STATUS_NAMES[shown].toLowerCase()} nabídky.`;
  }

  const tabs = el('div', { class: 'segmented', role: 'group', 'aria-label': 'Zobrazit nabídky' },
    Object.entries(STATUS_NAMES).map(([key, name]) => el('button', {
      type: 'button', class: 'segment', value: key, text: `${name} (${formatNumber(groups[key].length)})`,
      onclick: () => { shown = key; draw(); },
    })));

  const shownFlash = flash;
  flash = null;
  fill(main, 
    el('h1', { text: 'Volná místa' }),
    el('p', { class: 'lead', text: 'Evidence neobsazených míst v pobytových službách. Zveřejněná nabídka je hned vidět na veřejné mapě a po datu platnosti sama zmizí.' }),
    shownFlash ? notice(shownFlash.text, 'ok', shownFlash.link || null) : null,
    el('div', { class: 'toolbar' },
      residential.length
        ? el('a', { class: 'button-primary', href: '#volna-mista/nova', text: 'Zveřejnit volné místo' })
        : el('p', { class: 'notice notice-info', text: 'Volná místa se evidují jen u pobytových služeb a mezi vašimi službami žádná pobytová není.' }),
      tabs),
    table,
    empty);
  draw();
}

// Form ---------------------------------------------------------------------------------------------------------

function renderForm(main, { residential, tax, ctx, vacancy, template }) {
  const source = vacancy || template || null;
  const today = isoDate();
  const v = {
    serviceId: source?.serviceId || (residential.length === 1 ? residential[0].id : ''),
    placeId: source?.placeId || '',
    places: source?.places ?? 1,
    availableFrom: vacancy ? vacancy.availableFrom : today,
    validUntil: vacancy ? vacancy.validUntil : isoDate(30),
    targetGroup: source?.targetGroup || '',
    description: source?.description || '',
    barrierFree: source?.barrierFree ?? false,
    floor: source?.floor ?? '',
    lift: source?.lift == null ? '' : String(source.lift),
    barrierNote: source?.barrierNote || '',
    contactName: source?.contactName || '',
    contactPhone: source?.contactPhone || '',
    contactEmail: source?.contactEmail || '',
  };
  let version = vacancy?.version;

  const i = {
    service: select([['', 'Zvolte pobytovou službu'], ...residential.map((s) => [s.id, s.name])], v.serviceId, { name: 'serviceId' }),
    place: select([['', 'Nejprve zvolte službu']], '', { name: 'placeId' }),
    places: el('input', { type: 'number', name: 'places', min: 1, max: 500, step: 1, value: String(v.places), inputmode: 'numeric' }),
    availableFrom: el('input', { type: 'date', name: 'availableFrom', value: v.availableFrom }),
    validUntil: el('input', { type: 'date', name: 'validUntil', value: v.validUntil, min: today, max: isoDate(MAX_DAYS) }),
    targetGroup: select([['', 'kterákoli cílová skupina služby'], ...[...tax.targetGroups].sort((a, b) => a.name.localeCompare(b.name, 'cs')).map((g) => [g.code, g.name])], v.targetGroup, { name: 'targetGroup' }),
    description: el('textarea', { name: 'description', rows: 4, maxlength: 2000 }),
    barrierFree: el('input', { type: 'checkbox', name: 'barrierFree', checked: v.barrierFree, 'data-field': 'barrierFree' }),
    floor: el('input', { type: 'number', name: 'floor', min: -5, max: 60, step: 1, value: String(v.floor), inputmode: 'numeric' }),
    lift: select([['', 'neuvedeno'], ['true', 'ano'], ['false', 'ne']], v.lift, { name: 'lift' }),
    barrierNote: el('textarea', { name: 'barrierNote', rows: 2, maxlength: 2000 }),
    contactName: el('input', { type: 'text', name: 'contactName', maxlength: 200, value: v.contactName, autocomplete: 'name' }),
    contactPhone: el('input', { type: 'tel', name: 'contactPhone', maxlength: 50, value: v.contactPhone, autocomplete: 'tel' }),
    contactEmail: el('input', { type: 'email', name: 'contactEmail', maxlength: 200, value: v.contactEmail, autocomplete: 'email' }),
  };
  i.description.value = v.description;
  i.barrierNote.value = v.barrierNote;
  const prefillNote = el('p', { class: 'field-hint', 'aria-live': 'polite' });

  function fillPlaces(keep) {
    const service = residential.find((s) => s.id === i.service.value);
    const options = (service?.places || []).map((p) => [p.placeId, p.facilityName]);
    setOptions(i.place, [['', service ? 'Zvolte místo poskytování' : 'Nejprve zvolte službu'], ...options],
      keep && options.some(([id]) => id === keep) ? keep : options.length === 1 ? options[0][0] : '');
  }

  // A new offer borrows the service's phone and e-mail, so the provider need not type them every time.
  async function prefillContacts() {
    if (vacancy || !i.service.value || (i.contactPhone.value && i.contactEmail.value)) return;
    try {
      const s = await authed(() => getJson(`/api/my/services/${encodeURIComponent(i.service.value)}`));
      const filled = [];
      if (!i.contactPhone.value && s.phones?.[0]) { i.contactPhone.value = s.phones[0]; filled.push('telefon'); }
      if (!i.contactEmail.value && s.emails?.[0]) { i.contactEmail.value = s.emails[0]; filled.push('e-mail'); }
      prefillNote.textContent = filled.length ? `Předvyplněno z kontaktů služby: ${filled.join(' a ')}. Upravte podle potřeby.` : '';
    } catch { /* the contacts are only a convenience */ }
  }

  i.service.addEventListener('change', () => { fillPlaces(''); prefillContacts(); });
  fillPlaces(v.placeId);

  const submit = el('button', { type: 'submit', class: 'button-primary', text: vacancy ? 'Uložit změny' : 'Zveřejnit nabídku' });
  const form = el('form', { id: 'vacancy-form', class: 'edit-form narrow-form', novalidate: true },
    el('fieldset', { class: 'form-section' },
      el('legend', { text: 'Služba a místo' }),
      field({ label: 'Služba', input: i.service, required: true, errorFor: 'serviceId', hint: 'Volná místa se evidují jen u pobytových služeb.' }),
      field({ label: 'Místo poskytování', input: i.place, required: true, errorFor: 'placeId' })),
    el('fieldset', { class: 'form-section' },
      el('legend', { text: 'Nabídka' }),
      el('div', { class: 'grid-3' },
        field({ label: 'Počet volných míst', input: i.places, required: true, errorFor: 'places' }),
        field({ label: 'Volné od', input: i.availableFrom, required: true, errorFor: 'availableFrom' }),
        field({ label: 'Nabídka platí do', input: i.validUntil, required: true, errorFor: 'validUntil', hint: 'Potom nabídka sama zmizí; nejvýš rok dopředu.' })),
      field({ label: 'Cílová skupina', input: i.targetGroup, errorFor: 'targetGroup' }),
      field({ label: 'Popis místa', input: i.description, required: true, errorFor: 'description', hint: 'Např. jednolůžkový pokoj s vlastním sociálním zařízením, pro koho je místo vhodné.' })),
    el('fieldset', { class: 'form-section' },
      el('legend', { text: 'Bezbariérovost' }),
      el('label', { class: 'check' }, i.barrierFree, 'Místo je bezbariérové'),
      el('div', { class: 'grid-3' },
        field({ label: 'Podlaží', input: i.floor, errorFor: 'floor', hint: '0 = přízemí' }),
        field({ label: 'Výtah', input: i.lift, errorFor: 'lift' })),
      field({ label: 'Bariéry a přístup', input: i.barrierNote, errorFor: 'barrierNote', hint: 'Např. dva schody u vchodu, úzké dveře koupelny.' })),
    el('fieldset', { class: 'form-section' },
      el('legend', { text: 'Kontakt pro zájemce' }),
      field({ label: 'Kontaktní osoba', input: i.contactName, required: true, errorFor: 'contactName' }),
      el('div', { class: 'grid-2' },
        field({ label: 'Telefon', input: i.contactPhone, errorFor: 'contactPhone' }),
        field({ label: 'E-mail', input: i.contactEmail, errorFor: 'contactEmail' })),
      el('p', { class: 'field-hint', text: 'Uveďte alespoň telefon nebo e-mail.' }),
      prefillNote),
    el('div', { class: 'form-actions' },
      submit,
      el('a', { href: '#volna-mista', class: 'button-secondary', text: 'Zrušit' })));

  const dirty = trackDirty(form);
  ctx.setGuard(() => dirty.dirty);

  const body = () => ({
    serviceId: i.service.value,
    placeId: i.place.value,
    places: Number(i.places.value),
    availableFrom: i.availableFrom.value,
    validUntil: i.validUntil.value,
    targetGroup: i.targetGroup.value || null,
    description: i.description.value.trim(),
    barrierFree: i.barrierFree.checked,
    floor: i.floor.value.trim() === '' ? null : Number(i.floor.value),
    lift: i.lift.value === '' ? null : i.lift.value === 'true',
    barrierNote: i.barrierNote.value.trim() || null,
    contactName: i.contactName.value.trim(),
    contactPhone: i.contactPhone.value.trim() || null,
    contactEmail: i.contactEmail.value.trim() || null,
    ...(vacancy ? { version } : {}),
  });

  function browserChecks() {
    const errors = checkRequired(form);
    const n = Number(i.places.value);
    if (i.places.value && (!Number.isInteger(n) || n < 1 || n > 500)) errors.places = ['Počet volných míst musí být celé číslo 1 až 500.'];
    if (i.floor.value.trim() && !Number.isInteger(Number(i.floor.value))) errors.floor = ['Podlaží zadejte celým číslem.'];
    if (!i.contactPhone.value.trim() && !i.contactEmail.value.trim()) errors.contactPhone = ['Uveďte telefon nebo e-mail, aby se zájemce mohl spojit s poskytovatelem.'];
    return errors;
  }

  async function publicLink(id) {
    try {
      const f = await getJson(`/api/vacancies/${encodeURIComponent(id)}`);
      const q = new URLSearchParams({ vrstva: 'volna-mista', kraj: f.properties.kraj, orp: f.properties.orpCsuCode });
      return el('p', {}, el('a', { href: `./?${q}`, text: 'Zobrazit na veřejné mapě' }));
    } catch {
      return null; // e.g. valid only from a later day: nothing public to link to yet
    }
  }

  async function save() {
    main.querySelector('.conflict')?.remove();
    const errors = browserChecks();
    if (Object.keys(errors).length) {
      showErrors(form, errors, { title: 'Zkontrolujte prosím formulář', names: FIELD_NAMES });
      return;
    }
    clearErrors(form);
    submit.disabled = true;
    const sent = body();
    try {
      const saved = vacancy
        ? await authed(() => send('PUT', `/api/my/vacancies/${encodeURIComponent(vacancy.id)}`, sent))
        : await authed(() => send('POST', '/api/my/vacancies', sent));
      dirty.dirty = false;
      ctx.setGuard(null);
      flash = {
        text: vacancy ? 'Změny nabídky byly uloženy; veřejná mapa je ukazuje hned.' : 'Nabídka byla zveřejněna a na veřejné mapě je vidět hned.',
        link: await publicLink(saved.id),
      };
      location.hash = '#volna-mista';
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        const box = conflictBox({
          problem: err.problem,
          mine: sent,
          loadCurrent: async () => (await loadMine()).find((x) => x.id === vacancy.id),
          compareKeys: ['serviceId', 'placeId', 'places', 'availableFrom', 'validUntil', 'targetGroup', 'description', 'barrierFree', 'floor', 'lift', 'barrierNote', 'contactName', 'contactPhone', 'contactEmail'],
          names: FIELD_NAMES,
          describe: (key, value) => (key === 'floor' ? floorText(value) : typeof value === 'boolean' ? (value ? 'ano' : 'ne') : value),
          onKeepMine: (current) => {
            if (!current || current.withdrawnAt) return;
            version = current.version;
            form.requestSubmit();
          },
          onTakeCurrent: () => { dirty.dirty = false; ctx.setGuard(null); return render(main, ctx); },
        });
        form.prepend(box);
        box.focus();
      } else {
        showProblem(form, err, { names: FIELD_NAMES, title: 'Nabídku nelze uložit' });
      }
    } finally {
      submit.disabled = false;
    }
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    save();
  });

  fill(main, 
    el('p', { class: 'breadcrumb' }, el('a', { href: '#volna-mista', text: 'Volná místa' }), vacancy ? ' / úprava nabídky' : ' / nová nabídka'),
    el('h1', { text: vacancy ? 'Úprava nabídky volného místa' : 'Zveřejnit volné místo' }),
    vacancy ? el('p', { class: 'field-hint', text: `Zveřejněno ${formatDateTime(vacancy.publishedAt)}, naposledy změněno ${formatDateTime(vacancy.updatedAt)}.` }) : null,
    residential.length
      ? form
      : notice('Volná místa se evidují jen u pobytových služeb a mezi vašimi službami žádná pobytová není.', 'info'));
  if (!vacancy) prefillContacts();
  if (template) prefillNote.textContent = `Předvyplněno podle dřívější nabídky (${vacantPlaces(template.places)}); zkontrolujte data platnosti.`;
}

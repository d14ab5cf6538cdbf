// Accessibility audit (issue 10): axe-core finds no serious or critical violation on any page of the site, signed
// out and signed in as each demo role. The pages are the static ones (wwwroot/*.html: the map in its three views and
// with a service card and a vacancy card open, the management page with every section and report the role sees, the
// nástěnka, the forms page — with a form's grid open for the provider and regional staff, staff's list of a term and
// their settings — the refresh report) and the server's own HTML (the OGC API pages). A failure lists each rule with
// the selectors of the elements at fault. Setup through the API: a vacancy at the demo provider's home (withdrawn
// after) and a form of term 2 of this year for one of its services in Zlínský kraj (the forms journeys use terms 1 and 3).
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { launchChromium } from './browser.mjs';
import { mapCardSettled, settle, vacanciesLive } from './ready.mjs';

const BASE = (process.env.KISSOS_URL || 'http://127.0.0.1:5080').replace(/\/$/, '');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PASSWORD = 'Kissos-demo-2026';
const HOME_ID = 'mpsv-4365'; // Centrum Dominika Kokory, a service of the demo provider (Olomoucký kraj)

// The map in each view; the pages that count their loads (ready.mjs) are waited for through settle().
const MAP_VIEWS = ['/', '/?vrstva=volna-mista&kraj=CZ071', '/?vrstva=poptavka&kraj=CZ071&druh=13'];
const PAGES = ['/nastenka.html', '/formulare.html', '/obnova.html'];
const OGC_PAGES = [
  '/ogc?f=html', '/ogc/conformance?f=html', '/ogc/api?f=html', '/ogc/collections?f=html',
  '/ogc/collections/services?f=html', '/ogc/collections/services/items?f=html&limit=20',
  `/ogc/collections/services/items/${HOME_ID}?f=html`, '/ogc/collections/kraje/items?f=html',
];
const ROLES = ['poskytovatel', 'statutar', 'obec', 'kraj', 'admin'];
const YEAR = new Date().getFullYear();
const FORM_TERM = 2;

let browser;
let provider; // API sessions of the setup
let vacancyId;
let formId;

/** An API session of a demo account, sending the antiforgery token with every call. */
async function apiAs(who) {
  const context = await browser.newContext();
  const call = async (method, path, data) => {
    const token = (await (await context.request.get(`${BASE}/api/account/antiforgery`)).json()).token;
    const res = await context.request.fetch(`${BASE}${path}`, { method, data, headers: { 'X-XSRF-TOKEN': token } });
    const text = await res.text();
    return { status: res.status(), body: text && res.headers()['content-type']?.includes('json') ? JSON.parse(text) : text };
  };
  const login = await call('POST', '/api/account/login', { email: `${who}@demo.kissos.cz`, password: PASSWORD });
  assert.ok(login.status < 300, `sign-in of ${who}: ${login.status}`);
  return { context, call };
}

const ok = (res, what) => { assert.ok(res.status < 300, `${what}: ${res.status} ${JSON.stringify(res.body)}`); return res.body; };

/** axe-core on the page as it is now: serious and critical violations as "rule (impact): help – selectors". */
async function audit(page) {
  if (!await page.evaluate(() => Boolean(window.axe))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} – ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
  return violations;
}

let found = []; // the violations of the running test, each with the page and state it was found in

async function assertAccessible(page, what) {
  for (const v of await audit(page)) found.push(`${what}: ${v}`);
}

/** Fails the test with every violation its pages had, not only the first page's. */
function assertNoneFound() {
  assert.deepEqual(found, [], 'serious or critical axe violations');
}

async function newPage() {
  // The site's Content-Security-Policy (script-src 'self') would refuse the injected axe-core script.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'cs-CZ', bypassCSP: true });
  return context.newPage();
}

async function signIn(page, who) {
  await settle(page, () => page.goto(`${BASE}/sprava.html`));
  await page.getByLabel('E-mail').fill(`${who}@demo.kissos.cz`);
  await page.getByLabel('Heslo').fill(PASSWORD);
  await settle(page, () => page.getByRole('button', { name: 'Přihlásit se' }).click());
}

/** The hrefs of the links in `selector`, in order. */
const hrefs = (page, selector) => page.locator(selector).evaluateAll((as) => as.map((a) => a.getAttribute('href')));

/** The map in each view, and with the card of the first result open. */
async function auditMap(page, who) {
  for (const view of MAP_VIEWS) {
    await settle(page, () => page.goto(`${BASE}${view}`));
    await assertAccessible(page, `${who}: ${view}`);
  }
  await settle(page, () => page.goto(`${BASE}/?druh=13&kraj=CZ071`));
  await page.locator('#results-list > li:not(:has(.badge)) button').first().click();
  await page.locator('.leaflet-popup .card-title').waitFor();
  await mapCardSettled(page); // not panning while axe measures it
  // Leaflet fades a popup in; half faded, its text would fail the contrast check.
  await page.waitForFunction(() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1');
  await assertAccessible(page, `${who}: the map with a service card open`);

  await settle(page, () => page.goto(`${BASE}/?vrstva=volna-mista&kraj=CZ071`));
  await vacanciesLive(page); // a late connection's catch-up load would close the card
  await page.locator('#results-list > li button').first().click();
  await page.locator('.leaflet-popup .vac-card').waitFor();
  await mapCardSettled(page);
  await page.waitForFunction(() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1');
  await assertAccessible(page, `${who}: the map with a vacancy card open`);
}

/** A page of formulare.html once loaded; `shown` waits for what it must show (a form's grid, the settings). */
async function auditFormsPage(page, who, query, shown) {
  await page.goto(`${BASE}/formulare.html${query}`);
  await page.waitForFunction(() => document.body.dataset.ready === '1');
  await page.locator(shown).first().waitFor();
  await assertAccessible(page, `${who}: /formulare.html${query}`);
}

/** The other pages, as each role sees them: a role without access gets the page's refusal, audited as well. */
async function auditPages(page, who) {
  for (const path of PAGES) {
    await page.goto(`${BASE}${path}`);
    await page.waitForFunction(() => ['1', 'error'].includes(document.body.dataset.ready));
    await assertAccessible(page, `${who}: ${path}`);
  }
}

before(async () => {
  browser = await launchChromium();
  provider = await apiAs('poskytovatel');
  const staff = await apiAs('kraj');
  const home = ok(await provider.call('GET', `/api/my/services/${HOME_ID}`), 'the home');
  const today = new Date().toISOString().slice(0, 10);
  vacancyId = ok(await provider.call('POST', '/api/my/vacancies', {
    serviceId: HOME_ID, placeId: home.places[0].id, places: 2, availableFrom: today,
    validUntil: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10), targetGroup: null,
    description: 'Jednolůžkový pokoj (audit přístupnosti)', barrierFree: true, floor: 0, lift: null, barrierNote: null,
    contactName: 'Sociální pracovnice', contactPhone: '581 000 000', contactEmail: null, version: null,
  }), 'a vacancy').id;

  // A service of the provider in Zlínský kraj (the staff account's) into this year's network, and its form of term 2.
  let serviceId;
  for (const s of ok(await provider.call('GET', '/api/my/services'), 'the services')) {
    if ((await staff.call('PUT', `/api/forms/network/${YEAR}/${encodeURIComponent(s.id)}`, { units: 3.5, beds: null })).status < 300) {
      serviceId = s.id;
      break;
    }
  }
  assert.ok(serviceId, 'a service of the provider lies in Zlínský kraj');
  const created = await provider.call('POST', '/api/my/forms', { serviceId, year: YEAR, term: FORM_TERM, family: null });
  assert.ok(created.status < 300 || created.status === 409, `the form: ${created.status} ${JSON.stringify(created.body)}`);
  formId = ok(await provider.call('GET', `/api/my/forms?year=${YEAR}`), 'the forms')
    .find((f) => f.serviceId === serviceId && f.term === FORM_TERM)?.formId;
  assert.ok(formId, 'the form of term 2 exists');
  await staff.context.close();
});

after(async () => {
  if (vacancyId) await provider.call('DELETE', `/api/my/vacancies/${vacancyId}`).catch(() => {});
  await provider?.context.close();
  await browser?.close();
});

describe('přístupnost (axe-core): žádné závažné ani kritické porušení', () => {
  beforeEach(() => { found = []; });

  it('signed out: the map, the sign-in pages and the other pages', async () => {
    const page = await newPage();
    await auditMap(page, 'nepřihlášený');
    await settle(page, () => page.goto(`${BASE}/sprava.html`));
    await assertAccessible(page, 'nepřihlášený: /sprava.html');
    await auditPages(page, 'nepřihlášený');
    await page.context().close();
    assertNoneFound();
  });

  it('the OGC API pages', async () => {
    const page = await newPage();
    for (const path of OGC_PAGES) {
      const response = await page.goto(`${BASE}${path}`);
      assert.equal(response.status(), 200, path);
      await page.waitForLoadState('load');
      await assertAccessible(page, path);
    }
    await page.context().close();
    assertNoneFound();
  });

  for (const who of ROLES) {
    it(`signed in as ${who}: every section and report of the management page, the map and the other pages`, async () => {
      const page = await newPage();
      await signIn(page, who);
      await assertAccessible(page, `${who}: /sprava.html`);
      const sections = await hrefs(page, '#section-nav a');
      for (const section of sections) {
        await settle(page, () => page.goto(`${BASE}/sprava.html${section}`));
        await assertAccessible(page, `${who}: /sprava.html${section}`);
        if (section === '#reporty') {
          for (const tab of (await hrefs(page, '.report-tabs a')).slice(1)) {
            await settle(page, () => page.goto(`${BASE}/sprava.html${tab}`));
            await assertAccessible(page, `${who}: /sprava.html${tab}`);
          }
        }
        if (section === '#sluzby') {
          const first = (await hrefs(page, 'a.row-link'))[0];
          if (first) {
            await settle(page, () => page.goto(`${BASE}/sprava.html${first}`));
            await assertAccessible(page, `${who}: the service form ${first}`);
          }
        }
        if (section === '#volna-mista' && await page.locator('a[href="#volna-mista/nova"]').count()) {
          await settle(page, () => page.goto(`${BASE}/sprava.html#volna-mista/nova`));
          await assertAccessible(page, `${who}: the new vacancy form`);
        }
      }
      await auditMap(page, who);
      await auditPages(page, who);
      if (who === 'poskytovatel' || who === 'kraj') await auditFormsPage(page, who, `?id=${formId}`, '[data-cell]');
      if (who === 'kraj') {
        await auditFormsPage(page, who, `?rok=${YEAR}&termin=${FORM_TERM}`, `tr[data-service]`);
        await auditFormsPage(page, who, '?nastaveni=1', 'tr[data-term="1"]');
      }
      await page.context().close();
      assertNoneFound();
    });
  }
});

// Issue 9, item 7: markup typed into any free-text field a provider can edit is shown as text on every page that
// shows it; nothing from data runs or becomes an element. Runs against a running app (KISSOS_URL) with the demo
// accounts, and puts every field back as it was.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { settle, vacanciesLive } from './ready.mjs';

const BASE = (process.env.KISSOS_URL || 'http://127.0.0.1:5080').replace(/\/$/, '');
const PROVIDER = 'poskytovatel@demo.kissos.cz';
const PASSWORD = 'Kissos-demo-2026';
const SERVICE_ID = 'mpsv-6279'; // Denní stacionář Dobromysl (CZ072), a service of the demo provider no other journey edits
const HOME_ID = 'mpsv-4365'; // the demo provider's residential service: vacancies are published only there
const HOME_PLACE = 'misto-11091614';
const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

// Each payload names its field, so a failure says which one leaked; every injected element has class "xss".
const inject = (field) => `<img src=x class=xss onerror=alert('${field}')><b class=xss>${field}</b>`;
const short = (field) => `<s>${field}</s>`; // for fields of at most 10 characters
// The place's name (facility name) also sets a flag if it ever runs: the service page's map tooltip shows it.
const PLACE_NAME = `<img src=x onerror=window.__xss=1>${inject('facilityName')}`;

let browser;
let context;
let api; // the provider's API session (shares the browser context's cookies)
let original; // the service as it was, restored after
let vacancyId;
const dialogs = [];
const violations = [];

async function token() {
  const res = await api.get(`${BASE}/api/account/antiforgery`);
  return (await res.json()).token;
}

async function send(method, path, data) {
  const res = await api.fetch(`${BASE}${path}`, { method, data, headers: { 'X-XSRF-TOKEN': await token() } });
  const text = await res.text();
  assert.ok(res.ok(), `${method} ${path} → ${res.status()}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** A new page at `url`; `settled` waits for its data to load (the pages that count their loads, see ready.mjs). */
async function openPage(url, { settled = false } = {}) {
  const page = await context.newPage();
  page.on('dialog', (d) => { dialogs.push(`${url}: ${d.message()}`); d.dismiss().catch(() => {}); });
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(`${url}: ${m.text()}`); });
  const open = () => page.goto(`${BASE}${url}`);
  if (settled) await settle(page, open);
  else await open();
  return page;
}


// Nothing from data became an element, ran, or was stopped by the Content-Security-Policy (which would mean it got in).
async function assertInert(page, what) {
  await page.waitForTimeout(300); // an onerror would fire within this
  assert.equal(await page.locator('.xss, img[src="x"], s').count(), 0, `${what}: an injected element exists`);
  assert.deepEqual(dialogs, [], `${what}: a dialog fired`);
  assert.deepEqual(violations, [], `${what}: the page tried to run something the policy refused`);
}

before(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'cs-CZ' });
  api = context.request;
  const login = await api.post(`${BASE}/api/account/login`, {
    data: { email: PROVIDER, password: PASSWORD }, headers: { 'X-XSRF-TOKEN': await token() },
  });
  assert.ok(login.ok(), `sign-in: ${login.status()}`);

  original = await send('GET', `/api/my/services/${SERVICE_ID}`);
  const place = original.places[0];
  await send('PUT', `/api/my/services/${SERVICE_ID}`, {
    ...original,
    description: `${inject('description')} ${RUN}`,
    webs: [inject('web')],
    phones: [inject('phone').slice(0, 50)],
    places: [{
      ...place, facilityName: PLACE_NAME, street: inject('street'),
      orientationNumber: short('on'), postCode: short('psc'),
    }],
  });
  const home = await send('GET', `/api/my/services/${HOME_ID}`);
  const today = new Date().toISOString().slice(0, 10);
  const until = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  vacancyId = (await send('POST', '/api/my/vacancies', {
    serviceId: HOME_ID, placeId: home.places.find((p) => p.id === HOME_PLACE)?.id ?? home.places[0].id,
    places: 1, availableFrom: today, validUntil: until, targetGroup: null,
    description: `${inject('vacancyDescription')} ${RUN}`, barrierFree: false, floor: 1, lift: null,
    barrierNote: inject('barrierNote'), contactName: inject('contactName'), contactPhone: inject('contactPhone').slice(0, 50),
    contactEmail: null, version: null,
  })).id;
});

after(async () => {
  if (vacancyId) await send('DELETE', `/api/my/vacancies/${vacancyId}`).catch(() => {});
  if (original) {
    const now = await send('GET', `/api/my/services/${SERVICE_ID}`).catch(() => null);
    if (now) {
      await send('PUT', `/api/my/services/${SERVICE_ID}`, {
        ...original, version: now.version,
        places: now.places.map((p, i) => ({ ...original.places[i], id: p.id })),
      }).catch((e) => console.error(`restoring ${SERVICE_ID}: ${e.message}`));
    }
  }
  await browser?.close();
});

describe('značky z dat se zobrazují jako text', () => {
  it('the public map: the service card', async () => {
    const page = await openPage(`/?kraj=CZ072&q=${encodeURIComponent('Dobromysl')}`, { settled: true });
    await page.locator(`#results-list > li[data-service-id="${SERVICE_ID}"] button`).first().click();
    const card = page.locator('.leaflet-popup .card, #card-dialog[open] .card').first();
    await card.waitFor({ state: 'visible' });
    await card.getByText(inject('description'), { exact: false }).first().waitFor();
    await assertInert(page, 'service card');
    await page.close();
  });

  it('the public map: the vacancy card', async () => {
    const page = await openPage('/?vrstva=volna-mista', { settled: true });
    await vacanciesLive(page); // a late connection's catch-up load would close the card
    const item = page.locator('#results-list > li', { hasText: RUN }).first();
    await item.locator('button').click();
    const card = page.locator('.leaflet-popup .vac-card').first();
    await card.waitFor({ state: 'visible' });
    assert.match(await card.textContent(), /<img src=x class=xss onerror=alert\('contactName'\)>/);
    await assertInert(page, 'vacancy card');
    await page.close();
  });

  it('the OGC API pages: tables, and tooltips on hover', async () => {
    const edited = await send('GET', `/api/my/services/${SERVICE_ID}`);
    const placeId = edited.places[0].id;
    for (const url of [
      `/ogc/collections/services/items/${SERVICE_ID}?f=html`,
      `/ogc/collections/places/items/${encodeURIComponent(placeId)}?f=html`,
      `/ogc/collections/places/items?f=html&obecCode=${edited.places[0].obecCode}&limit=1000`,
    ]) {
      const page = await openPage(url);
      if (url.includes('/places/')) assert.match(await page.locator('main').textContent(), /<img src=x class=xss/, `${url} shows the text`);
      const marker = page.locator('#ogc-map path.leaflet-interactive');
      if (url.includes('/places/items/')) {
        await marker.first().hover();
        const tooltip = page.locator('.leaflet-tooltip');
        await tooltip.waitFor();
        assert.match(await tooltip.textContent(), /<img src=x class=xss onerror=alert\('(street|facilityName)'\)>/);
      }
      await assertInert(page, url);
      await page.close();
    }
  });

  it('the service page: the place name in the small map\'s tooltip on hover', async () => {
    const page = await openPage(`/sluzba/${SERVICE_ID}`);
    await page.locator('#service-map[data-ready="1"]').waitFor();
    await page.locator('#service-map path.leaflet-interactive').first().hover();
    const tooltip = page.locator('#service-map .leaflet-tooltip');
    await tooltip.waitFor();
    assert.equal(await tooltip.textContent(), PLACE_NAME);
    assert.equal(await page.evaluate(() => typeof window.__xss), 'undefined');
    await assertInert(page, 'service page map');
    await page.close();
  });

  it('the management pages: the service form and the vacancy list', async () => {
    const form = await openPage(`/sprava.html#sluzby/${SERVICE_ID}`);
    await form.locator('#service-form').waitFor();
    assert.equal(await form.locator('#service-form').getByLabel('Popis pro veřejnost').inputValue(), `${inject('description')} ${RUN}`);
    await assertInert(form, 'service form');
    await form.close();

    const list = await openPage('/sprava.html#volna-mista');
    await list.locator('tr', { hasText: RUN }).first().waitFor();
    await assertInert(list, 'vacancy list');
    await list.close();
  });
});

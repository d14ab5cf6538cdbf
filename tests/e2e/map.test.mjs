// Browser journeys on the service-market map, against a running app (KISSOS_URL).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { mapCardSettled, settle } from './ready.mjs';

const BASE = (process.env.KISSOS_URL || 'http://127.0.0.1:5080').replace(/\/$/, '');
const CATCHMENT_ID = process.env.KISSOS_CATCHMENT_SERVICE || 'mpsv-6276';
const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const DOMOVY_PRO_SENIORY = '13';
const CAPACITY_WITH_UNIT = /\d[\d\s]*\s(lůž|klient|kontakt|interv|hovor)\p{L}*[^()]*\(([^()]*; )?(pobytová|ambulantní|terénní)\)/u;

let browser;
let page;
const consoleErrors = [];
const expectedFailures = []; // URLs whose failing status the test provokes on purpose

const items = () => page.locator('#results-list > li');

async function mapMarkerCount() {
  return page.locator('.leaflet-marker-pane .svc-marker, .leaflet-marker-pane .marker-cluster').count();
}

async function apiJson(path) {
  const res = await page.request.get(`${BASE}${path}`);
  return { status: res.status(), body: await res.json() };
}

// Opens the card of one list item (by keyboard if asked): a popup when it has a location, else the dialog.
async function openCard(li, { keyboard = false } = {}) {
  if (keyboard) {
    await li.locator('button').focus();
    await page.keyboard.press('Enter');
  } else {
    await li.locator('button').click();
  }
  const card = page.locator('.leaflet-popup .card, #card-dialog[open] .card');
  await card.first().waitFor({ state: 'visible' });
  if (await page.locator('.leaflet-popup').count()) await mapCardSettled(page);
  return card.first();
}

before(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'cs-CZ' });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const url = m.location()?.url || '';
    if (m.text().startsWith('Failed to load resource') && expectedFailures.some((u) => url.endsWith(u))) return;
    consoleErrors.push(`${m.text()} (${url})`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
});

after(async () => {
  await browser?.close();
});

describe('mapa trhu sociálních služeb', () => {
  let allCount;

  it('opens on Olomoucký kraj with ORP choropleth, markers and the list', async () => {
    await settle(page, () => page.goto(`${BASE}/`));
    assert.equal(await page.locator('#f-kraj').inputValue(), 'CZ071');
    assert.match(page.url(), /[?&]kraj=CZ071/);
    assert.ok(await page.locator('path.orp-area').count() > 0, 'ORP polygons drawn');
    assert.match(await page.locator('.legend').textContent(), /na 1 000 obyvatel/);
    assert.ok(await mapMarkerCount() > 0, 'markers or clusters on the map');
    allCount = await items().count();
    assert.ok(allCount > 0, 'list items');
    assert.match(await page.locator('#result-count').textContent(), /^Nalezen[aoy] [\d\s]+ služ/);
    assert.ok(await page.locator('.leaflet-control-attribution').textContent().then((t) => t.includes('ČÚZK')));
  });

  it('filters by druh: domovy pro seniory', async () => {
    await settle(page, () => page.selectOption('#f-druh', DOMOVY_PRO_SENIORY));
    const n = await items().count();
    assert.ok(n > 0 && n !== allCount, `list count changed (${allCount} → ${n})`);
    const druhy = await items().evaluateAll((lis) => lis.map((li) => li.dataset.druh));
    assert.deepEqual([...new Set(druhy)], [DOMOVY_PRO_SENIORY]);
    const names = await page.locator('#results-list .result-druh').allTextContents();
    assert.ok(names.every((t) => t === 'domovy pro seniory'), 'every item is a domov pro seniory');
    assert.match(page.url(), /[?&]druh=13/);
  });

  it('opens a service card with the provider and capacity with its unit', async () => {
    const li = items().filter({ hasNot: page.locator('.badge') }).first();
    const provider = (await li.locator('.result-provider').textContent()).trim();
    const serviceId = await li.getAttribute('data-service-id');
    const card = await openCard(li, { keyboard: true });
    assert.equal((await card.locator('.card-provider').textContent()).trim(), provider);
    assert.match(await card.locator('.card-fields').textContent(), CAPACITY_WITH_UNIT);
    assert.equal(await page.locator('#results-list button[aria-current="true"]').count(), 1);
    await page.screenshot({ path: `${ARTIFACTS}map.png` });

    // A service without a catchment area: the card says so with the server's Czech detail.
    const detail = await apiJson(`/api/catalogue/services/${serviceId}`);
    if (!detail.body.catchment?.hasGeometry) {
      const path = `/api/map/services/${serviceId}/catchment`;
      const problem = await apiJson(path);
      assert.equal(problem.status, 404);
      expectedFailures.push(path);
      await card.getByRole('button', { name: 'Zobrazit územní působnost' }).click();
      await card.locator('.card-note-warn').waitFor();
      assert.equal((await card.locator('.card-note').textContent()).trim(), problem.body.detail);
    }
    await card.locator('.catchment-button').focus();
    await page.keyboard.press('Escape');
    await page.locator('.leaflet-popup').waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.closest('li')?.dataset.serviceId), serviceId,
      'Escape closes the card and focus returns to its list item');
  });

  it('restores filters and the view from the URL', async () => {
    const orp = await page.locator('#f-orp option:not([value=""])').first().getAttribute('value');
    await settle(page, () => page.selectOption('#f-orp', orp));
    const n = await items().count();
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('orp'), orp);
    await settle(page, () => page.reload());
    assert.equal(await page.locator('#f-druh').inputValue(), DOMOVY_PRO_SENIORY);
    assert.equal(await page.locator('#f-kraj').inputValue(), 'CZ071');
    assert.equal(await page.locator('#f-orp').inputValue(), orp);
    assert.equal(await items().count(), n);
    const again = new URL(page.url());
    for (const k of ['z', 'lat', 'lon']) assert.equal(again.searchParams.get(k), url.searchParams.get(k), `map view ${k}`);
  });

  it('shows the obce of the whole country from vector tiles, and not for a kraj', async () => {
    const obceCanvases = () => page.locator('.leaflet-obce-pane canvas').count();
    await settle(page, () => page.getByRole('button', { name: 'Zrušit filtry' }).click());
    assert.equal(await obceCanvases(), 0, 'no obce tiles while a kraj is chosen');
    const tile = page.waitForResponse((r) => /\/tiles\/obce\/\d+\/\d+\/\d+\.mvt\?v=\d+$/.test(r.url()) && r.status() === 200);
    await settle(page, () => page.selectOption('#f-kraj', ''));
    const response = await tile;
    assert.equal(response.headers()['content-type'], 'application/vnd.mapbox-vector-tile');
    assert.match(response.headers()['cache-control'], /immutable/);
    await page.locator('.leaflet-obce-pane canvas').first().waitFor({ state: 'attached' });
    assert.ok(await obceCanvases() > 0, 'obce tiles drawn over the whole country');
    await page.screenshot({ path: `${ARTIFACTS}obce-tiles.png` });
    await settle(page, () => page.selectOption('#f-kraj', 'CZ071'));
    assert.equal(await obceCanvases(), 0, 'the tiles go away when a kraj is chosen');
  });

  it('draws the catchment area of a service', async () => {
    const detail = await apiJson(`/api/catalogue/services/${CATCHMENT_ID}`);
    assert.equal(detail.status, 200, `service ${CATCHMENT_ID} exists`);
    await settle(page, () => page.getByRole('button', { name: 'Zrušit filtry' }).click());
    // All of Czechia, so the test needs no knowledge of the service's kraj.
    await settle(page, () => page.selectOption('#f-kraj', ''));
    await settle(page, () => page.fill('#f-q', detail.body.provider.name));
    const li = page.locator(`#results-list > li[data-service-id="${CATCHMENT_ID}"]`).first();
    const card = await openCard(li);
    assert.match(await card.locator('.card-title').textContent(), new RegExp(detail.body.name));
    await card.getByRole('button', { name: 'Zobrazit územní působnost' }).click();
    await page.locator('.leaflet-overlay-pane path.catchment, .leaflet-pane path.catchment').first()
      .waitFor({ state: 'attached', timeout: 30_000 })
      .catch(async () => {
        const note = await page.locator('.card-note').allTextContents();
        assert.fail(`no catchment polygon for ${CATCHMENT_ID}; card says: ${note.join(' ')}`);
      });
    assert.match(await page.locator('.catchment-info').textContent(), /Územní působnost/);
    await page.locator('.leaflet-popup').waitFor({ state: 'detached' });
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${ARTIFACTS}catchment.png` });
    assert.equal(await page.locator('#f-q').inputValue(), detail.body.provider.name);
    await settle(page, () => page.reload());
    assert.equal(await page.locator('#f-kraj').inputValue(), '', 'an explicit "Celá ČR" is not replaced by the default kraj');
    assert.equal(await page.locator('#f-q').inputValue(), detail.body.provider.name);
    assert.ok(await page.locator(`#results-list > li[data-service-id="${CATCHMENT_ID}"]`).count() > 0);
  });

  it('logged no console errors', () => {
    assert.deepEqual(consoleErrors, []);
  });
});

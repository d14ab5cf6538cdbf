// A service without a place of provision (only a contact address, as the registry has such services) on the map:
// listed as "bez místa poskytování" in the obec of its contact address, its card in the dialog, its capacity in
// the legend apart. The service comes from fixtures/bez-mista.sql (contact address in Olomouc, 25 clients).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from './browser.mjs';
import { settle } from './ready.mjs';

const BASE = (process.env.KISSOS_URL || 'http://127.0.0.1:5080').replace(/\/$/, '');
const PLACELESS = 'e2e-bez-mista';

let browser;
let page;
const consoleErrors = [];

before(async () => {
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'cs-CZ' });
  page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(`${m.text()} (${m.location()?.url || ''})`); });
  page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
});

after(async () => {
  await browser?.close();
});

const item = () => page.locator(`#results-list > li[data-service-id="${PLACELESS}"]`);

describe('služba bez místa poskytování', () => {
  it('is listed in the obec of its contact address, labelled, with its card in the dialog', async () => {
    await settle(page, () => page.goto(`${BASE}/?kraj=CZ071&orp=7107`));
    assert.equal(await item().count(), 1);
    assert.equal(await item().locator('.result-place').textContent(), 'Olomouc (kontaktní adresa)bez místa poskytování');
    assert.equal(await item().locator('.badge-placeless').textContent(), 'bez místa poskytování');

    await item().locator('button').click();
    const card = page.locator('#card-dialog[open] .card');
    await card.waitFor();
    assert.match(await card.textContent(), /bez místa poskytování \(kontaktní adresa v obci Olomouc\)/);
    assert.match(await card.textContent(), /25 klientů/);
    await page.keyboard.press('Escape');
  });

  it('counts its capacity apart in the legend, and leaves the list of another kraj', async () => {
    await settle(page, () => page.goto(`${BASE}/?kraj=CZ071`));
    assert.match(await page.locator('#legend .unplaced').textContent(), /^Bez místa poskytování: 1 služba, 25 klientů$/);

    await settle(page, () => page.goto(`${BASE}/?kraj=CZ072`));
    assert.equal(await item().count(), 0);
    assert.equal(await page.locator('#legend .unplaced').count(), 0);
    assert.deepEqual(consoleErrors, []);
  });
});

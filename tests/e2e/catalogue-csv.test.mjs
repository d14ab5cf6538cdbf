// Regional staff export the catalogue CSV of their kraj from the management page, upload a file with errors (refused,
// every bad line shown in Czech, nothing saved), then a good one, and see the change in the next export.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { settle } from './ready.mjs';

const BASE = (process.env.KISSOS_URL || 'http://127.0.0.1:5080').replace(/\/$/, '');
const PASSWORD = 'Kissos-demo-2026';
const REGIONAL = 'kraj@demo.kissos.cz'; // Zlínský kraj (CZ072)
const CZ072_HOME = 'mpsv-128'; // Domov pro seniory Koryčany
const CZ071_HOME = 'mpsv-4365'; // Centrum Dominika Kokory, Olomoucký kraj
const RUN = Date.now().toString(36);

let browser;
let page;
const consoleErrors = [];
let original; // the services CSV as first exported, put back at the end

const lines = (text) => text.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
const column = (header, name) => header.split(';').indexOf(name);

async function exportServices() {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Stáhnout služby (CSV)' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'sluzby.csv');
  return readFile(await download.path(), 'utf8');
}

async function upload(name, text) {
  const form = page.locator('form[data-import="sluzby"]');
  const result = page.locator('form[data-import="sluzby"] ~ .import-result');
  const done = Number(await result.getAttribute('data-uploads')) + 1;
  await form.locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await form.getByRole('button', { name: 'Nahrát soubor' }).click();
  await page.locator(`form[data-import="sluzby"] ~ .import-result[data-uploads="${done}"]`).waitFor();
  return result.locator('.notice');
}

/** The file with the description (popis) of the CZ072 home replaced. */
function withDescription(text, description) {
  const [header, ...rows] = lines(text);
  const at = column(header, 'popis');
  return `${[header, ...rows.map((r) => {
    if (!r.startsWith(`${CZ072_HOME};`)) return r;
    const cells = r.split(';');
    cells[at] = description;
    return cells.join(';');
  })].join('\r\n')}\r\n`;
}

before(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--lang=cs-CZ'],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'cs-CZ', acceptDownloads: true });
  page = await context.newPage();
  // The refused upload answers 400 and the signed-out check of the account 401: both expected.
  const expected = ['/api/account/me', '/api/staff/catalogue/services.csv'];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (m.text().startsWith('Failed to load resource') && expected.some((u) => m.location()?.url?.endsWith(u))) return;
    consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
});

after(async () => {
  if (original) await upload('puvodni.csv', original).catch(() => {});
  await browser?.close();
});

describe('katalog v CSV: krajský pracovník', () => {
  it('opens the section and exports the services of the kraj only', async () => {
    await settle(page, () => page.goto(`${BASE}/sprava.html`));
    await page.getByLabel('E-mail').fill(REGIONAL);
    await page.getByLabel('Heslo').fill(PASSWORD);
    await settle(page, () => page.getByRole('button', { name: 'Přihlásit se' }).click());
    await settle(page, () => page.locator('#section-nav').getByRole('link', { name: 'Katalog (CSV)' }).click());
    assert.equal(await page.locator('h1').textContent(), 'Katalog služeb v CSV');

    original = await exportServices();
    const ids = lines(original).slice(1).map((r) => r.split(';')[0]);
    assert.equal(lines(original)[0].split(';')[0], 'id');
    assert.ok(ids.includes(CZ072_HOME), 'the CZ072 home is exported');
    assert.ok(!ids.includes(CZ071_HOME), 'a service of another kraj is not');
  });

  it('a file with a row of another kraj and a repeated row is refused with both lines, in Czech, and nothing is saved', async () => {
    const changed = withDescription(original, `Popis ${RUN}`);
    const rowCount = lines(changed).length;
    const foreign = [CZ071_HOME, '', 'Cizí služba', '61985929', '13', 'pob', 'pob:luzka=1', ...Array(11).fill('')].join(';');
    const repeated = [CZ072_HOME, '', 'Domov', '68684053', '13', 'pob', 'pob:luzka=1', ...Array(11).fill('')].join(';');
    const box = await upload('sluzby-chyba.csv', `${changed}${foreign}\r\n${repeated}\r\n`);

    assert.match(await box.textContent(), /Import zamítnut, nic nebylo uloženo/);
    const errors = box.locator('table.import-errors tbody tr');
    assert.equal(await errors.count(), 2);
    assert.equal((await errors.nth(0).locator('td').first().textContent()).trim(), String(rowCount + 1));
    assert.match(await errors.nth(0).textContent(), /nemá místo poskytování ve vašem kraji/);
    assert.equal((await errors.nth(1).locator('td').first().textContent()).trim(), String(rowCount + 2));
    assert.match(await errors.nth(1).textContent(), /služba mpsv-128 je v souboru už na řádku \d+/);
    assert.ok(!(await exportServices()).includes(`Popis ${RUN}`), 'nothing was saved');
  });

  it('the corrected file is imported, the counts are shown, and the next export has the change', async () => {
    const box = await upload('sluzby.csv', withDescription(original, `Popis ${RUN}`));
    assert.equal(await box.getAttribute('role'), 'status');
    const updated = lines(original).length - 1;
    assert.match(await box.textContent(), new RegExp(`0 nových, ${updated} ${updated === 1 ? 'aktualizovaný' : updated < 5 ? 'aktualizované' : 'aktualizovaných'}`));
    const row = lines(await exportServices()).find((r) => r.startsWith(`${CZ072_HOME};`));
    assert.ok(row.includes(`Popis ${RUN}`));
  });

  it('logs no errors in the console', () => {
    assert.deepEqual(consoleErrors, []);
  });
});

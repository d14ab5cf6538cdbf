// Browser journey of the nástěnka (issue 11): a regional staff member posts an announcement with markup in it, and a
// provider of that kraj sees it as text — the <img onerror> typed by staff is shown, never run — with the permitted
// **bold** drawn as bold. Titles are unique per run, so leftovers of earlier runs do not disturb it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { settle } from './ready.mjs';

const BASE = (process.env.KISSOS_URL || 'http://127.0.0.1:5080').replace(/\/$/, '');
const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const PASSWORD = 'Kissos-demo-2026';
const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const TITLE = `Termín 1 rozpočtu ${RUN}`;
const MARKUP = '<img src="x" onerror="window.__xss = 1"><b>ne tučně</b>';
const TEXT = `${MARKUP}\n\n**Důležité:** odevzdejte do 30. 6.\n- Počet jednotek\n- Náklady a výnosy`;

let browser;
const contexts = [];
const consoleErrors = [];

async function openPage(name) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'cs-CZ' });
  contexts.push(context);
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // Before sign-in the page asks who is signed in and gets the expected 401.
    if (m.text().startsWith('Failed to load resource') && m.location()?.url?.endsWith('/api/account/me')) return;
    consoleErrors.push(`${name}: ${m.text()} (${m.location()?.url})`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${name}: page error: ${e.message}`));
  return page;
}

async function signInOnBoard(page, email) {
  await settle(page, () => page.goto(`${BASE}/nastenka.html`));
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Heslo').fill(PASSWORD);
  await settle(page, () => page.getByRole('button', { name: 'Přihlásit se' }).click());
  await page.locator('#aktuality').waitFor();
}

describe('nástěnka', () => {
  before(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-quic'],
    });
  });

  after(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
  });

  it('staff post an announcement with markup, a provider sees it as text', async () => {
    const staff = await openPage('staff');
    await signInOnBoard(staff, 'kraj@demo.kissos.cz');
    const add = staff.locator('#aktuality details.home-add');
    await add.locator('summary').click();
    await add.getByLabel('Nadpis').fill(TITLE);
    await add.getByLabel('Text').fill(TEXT);
    await add.getByRole('button', { name: 'Uložit' }).click();
    const posted = staff.locator('#aktuality article.announcement', { hasText: TITLE });
    await posted.waitFor();
    await staff.screenshot({ path: `${ARTIFACTS}home-staff.png`, fullPage: true });

    const provider = await openPage('provider');
    await signInOnBoard(provider, 'poskytovatel@demo.kissos.cz');
    const seen = provider.locator('#aktuality article.announcement', { hasText: TITLE });
    await seen.waitFor();
    await provider.screenshot({ path: `${ARTIFACTS}home-provider.png`, fullPage: true });

    // The markup is on the page as the characters staff typed; no element came of it and no script ran.
    assert.ok((await seen.locator('.rich-text').innerText()).includes(MARKUP));
    assert.equal(await seen.locator('img, b, script').count(), 0);
    assert.equal(await provider.evaluate(() => window.__xss), undefined);
    // The allowed subset is formatting: **bold** and "- " lines.
    assert.equal(await seen.locator('strong').innerText(), 'Důležité:');
    assert.deepEqual(await seen.locator('li').allInnerTexts(), ['Počet jednotek', 'Náklady a výnosy']);
    // Providers get no editing forms; "Moje formuláře" lists exactly the account's open forms the server knows of
    // (other browser tests may have opened some), or its empty state.
    assert.equal(await provider.locator('details.home-add').count(), 0);
    const open = await provider.evaluate(async () => (await fetch('/api/home/forms')).json());
    const listed = await provider.locator('#formulare tbody tr td:first-child').allInnerTexts();
    assert.deepEqual(listed, open.map((f) => f.title));
    if (open.length === 0) assert.ok((await provider.locator('#formulare').innerText()).includes('Žádný otevřený formulář'));

    assert.deepEqual(consoleErrors, []);
  });

  it('staff upload a document, a provider downloads exactly its bytes', async () => {
    const content = `Metodika ${RUN}: příliš žluťoučký kůň\n`;
    const staff = await openPage('staff-document');
    await signInOnBoard(staff, 'kraj@demo.kissos.cz');
    const add = staff.locator('#dokumenty details.home-add');
    await add.locator('summary').click();
    await add.getByLabel('Název').fill(`Metodika ${RUN}`);
    await add.getByLabel('Soubor').setInputFiles({ name: `metodika-${RUN}.txt`, mimeType: 'text/plain', buffer: Buffer.from(content) });
    await add.getByRole('button', { name: 'Uložit' }).click();
    await staff.locator('#dokumenty li.document', { hasText: `metodika-${RUN}.txt` }).waitFor();

    const provider = await openPage('provider-document');
    await signInOnBoard(provider, 'poskytovatel@demo.kissos.cz');
    const href = await provider.getByRole('link', { name: `Metodika ${RUN}` }).getAttribute('href');
    assert.equal(await provider.evaluate(async (url) => (await fetch(url)).text(), href), content);
    assert.deepEqual(consoleErrors, []);
  });
});

// What the browser journeys of the forms pages (formulare.html) share: the app's address, demo sign-in, pages that
// collect console errors, the API called through the page's own fetch layer, and the form grid's cells and facts.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './browser.mjs';

export const BASE = (process.env.KISSOS_URL || 'http://127.0.0.1:5080').replace(/\/$/, '');
export const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
export const PASSWORD = 'Kissos-demo-2026';
export const YEAR = new Date().getFullYear();

/**
 * A browser whose pages collect console errors (but for refusals the page shows itself: 'Failed to load resource')
 * and page errors into `consoleErrors`, each prefixed by the page's name. `close()` ends it.
 */
export async function startJourney() {
  await mkdir(ARTIFACTS, { recursive: true });
  const browser = await launchChromium();
  const consoleErrors = [];
  return {
    consoleErrors,
    async openPage(name) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'cs-CZ', acceptDownloads: true });
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() !== 'error' || m.text().startsWith('Failed to load resource')) return;
        consoleErrors.push(`${name}: ${m.text()} (${m.location()?.url})`);
      });
      page.on('pageerror', (e) => consoleErrors.push(`${name}: page error: ${e.message}`));
      return page;
    },
    close: () => browser.close(),
  };
}

/** Waits for the first load of a document just opened (page.goto, a navigation) and asserts no error banner. */
export async function waitReady(page) {
  await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 30_000 });
  const banner = await page.evaluate(() => (document.getElementById('error').hidden ? '' : document.getElementById('error').textContent.trim()));
  assert.equal(banner, '', 'no error banner');
}

/** Signs a demo account in on formulare.html (with the query given) and waits for the signed-in page. */
export async function signIn(page, email, query = '') {
  await page.goto(`${BASE}/formulare.html${query}`);
  await waitReady(page);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Heslo').fill(PASSWORD);
  await page.getByRole('button', { name: 'Přihlásit se' }).click();
  await page.locator('.account-name').waitFor();
  await waitReady(page);
}

/** Calls the API from the signed-in page through its own fetch layer (antiforgery included): { ok, body } or { ok: false, status, text }. */
export const call = (page, method, url, body) => page.evaluate(async ([m, u, b]) => {
  const api = await import('/js/api.js');
  try { return { ok: true, body: m === 'GET' ? await api.getJson(u) : await api.send(m, u, b) }; } catch (err) { return { ok: false, status: err.status, text: api.problemText(err) }; }
}, [method, url, body]);

/** A cell of the form grid by its address (set/row/column), its input, and a fact of the form's header (Stav, …). */
export const cell = (page, address) => page.locator(`[data-cell="${address}"]`);
export const cellInput = (page, address) => cell(page, address).locator('input');
export const fact = (page, name) => page.locator(`dd[data-fact="${name}"]`);

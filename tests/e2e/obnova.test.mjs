// The registry refresh report (obnova.html) for regional staff, against a running app (KISSOS_URL).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { settle } from './ready.mjs';

const BASE = (process.env.KISSOS_URL || 'http://127.0.0.1:5080').replace(/\/$/, '');

let browser;
let page;
const consoleErrors = [];

before(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await (await browser.newContext({ locale: 'cs-CZ' })).newPage();
  page.on('console', (m) => {
    // Signed out, the page asks /api/account/session (200 either way): no request fails, so no error is logged.
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
});

after(async () => {
  await browser?.close();
});

describe('obnova registru', () => {
  it('asks for sign-in, then shows the refreshes to regional staff', async () => {
    await settle(page, () => page.goto(`${BASE}/obnova.html`));
    assert.ok(await page.locator('#login').isVisible(), 'sign-in form');

    await page.fill('#login-email', 'kraj@demo.kissos.cz');
    await page.fill('#login-password', 'Kissos-demo-2026');
    await page.click('#login-form button[type=submit]');
    await page.locator('#refreshes').waitFor({ state: 'visible' });

    assert.ok(await page.locator('#login').isHidden());
    const rows = await page.locator('#refreshes-table tbody tr').count();
    assert.equal(await page.locator('#refreshes-empty').isVisible(), rows === 0);
    // Written for the staff who read it, not pointing them to the developers' README.
    assert.doesNotMatch(await page.locator('body').textContent(), /README/);
    assert.match(await page.locator('#refreshes-empty').textContent(), /obraťte se na správce systému/);
    assert.deepEqual(consoleErrors, []);
  });
});

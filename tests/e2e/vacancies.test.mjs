// Browser journeys of issue 3: providers keep their data and publish vacancies, the public map shows them live.
// Runs against a running app (KISSOS_URL) with the demo accounts; every value it writes is unique per run, so a
// long-lived database with leftovers from earlier runs does not disturb it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { mapCardSettled, settle } from './ready.mjs';

const BASE = (process.env.KISSOS_URL || 'http://127.0.0.1:5080').replace(/\/$/, '');
const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const PASSWORD = 'Kissos-demo-2026';
const PROVIDER = 'poskytovatel@demo.kissos.cz';
const SERVICE_ID = 'mpsv-4365'; // Centrum Dominika Kokory, a residential service of the demo provider
const SERVICE_NAME = 'Centrum Dominika Kokory';
const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const LIVE_TIMEOUT = 15_000;
const description = `E2E pokoj ${RUN}: jednolůžkový pokoj s vlastní koupelnou`;

let browser;
let publishedId; // the vacancy the first journey publishes and withdraws
const contexts = [];
const consoleErrors = [];

// Each page reports console errors, except the failing statuses a step provokes on purpose (by URL path).
async function openPage(name, expected = []) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'cs-CZ' });
  contexts.push(context);
  const page = await context.newPage();
  page.expectedFailures = expected;
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const url = m.location()?.url || '';
    if (m.text().startsWith('Failed to load resource') && page.expectedFailures.some((u) => new URL(url, BASE).pathname === u)) return;
    consoleErrors.push(`${name}: ${m.text()} (${url})`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${name}: page error: ${e.message}`));
  return page;
}

async function signIn(page, email, password = PASSWORD) {
  await settle(page, () => page.goto(`${BASE}/sprava.html`));
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Heslo').fill(password);
  const submit = () => page.getByRole('button', { name: 'Přihlásit se' }).click();
  // A refused sign-in draws no section, only its error summary.
  if (password === PASSWORD) await settle(page, submit); else await submit();
}

async function openSection(page, name) {
  await settle(page, () => page.locator('#section-nav').getByRole('link', { name }).click());
}

before(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--lang=cs-CZ'],
  });
});

after(async () => {
  await browser?.close();
});

describe('volná místa: zveřejnění poskytovatelem a živá veřejná mapa', () => {
  let map; // page A: the anonymous public map
  let admin; // page B: the provider's management page
  const vacancyItem = () => map.locator('#results-list > li', { hasText: description });

  it('the anonymous map opens on the vacancy layer with a live connection', async () => {
    map = await openPage('mapa', ['/hubs/vacancies/negotiate']);
    // Lets a later step cut the live connection as a network failure would.
    await map.addInitScript(() => {
      const Native = window.WebSocket;
      window.openSockets = [];
      window.WebSocket = class extends Native {
        constructor(...args) {
          super(...args);
          window.openSockets.push(this);
        }
      };
    });
    await settle(map, () => map.goto(`${BASE}/?vrstva=volna-mista`));
    assert.equal(await map.locator('input[name="vrstva"][value="volna-mista"]').isChecked(), true);
    assert.equal((await map.locator('#results-title').textContent()).trim(), 'Volná místa');
    assert.match(map.url(), /[?&]vrstva=volna-mista/);
    assert.match(await map.locator('#result-count').textContent(), /^Nalezen[aoy] [\d\s]+ nabíd/);
    assert.equal(await map.locator('#account-nav').getByRole('link', { name: 'Přihlásit' }).count(), 1);
    await map.locator('#live-status[data-state="live"]').waitFor({ timeout: LIVE_TIMEOUT });
    assert.equal((await map.locator('#live-status').textContent()).trim(), 'živě');
    // Survives only as long as the page is not reloaded.
    await map.evaluate(() => { window.notReloaded = true; });
  });

  it('a wrong password is refused with a Czech message', async () => {
    admin = await openPage('správa', ['/api/account/me', '/api/account/login']);
    await signIn(admin, PROVIDER, 'spatne-heslo');
    const summary = admin.locator('.error-summary');
    await summary.waitFor();
    assert.match(await summary.textContent(), /Přihlášení se nezdařilo/);
    assert.match(await summary.textContent(), /Neplatný e-mail nebo heslo/);
    assert.equal(await admin.getByLabel('Heslo').inputValue(), '', 'the password is cleared');
    assert.equal(await admin.getByLabel('E-mail').inputValue(), PROVIDER, 'the e-mail stays');
  });

  it('the provider publishes a vacancy and the open map shows it without reload', async () => {
    await admin.getByLabel('Heslo').fill(PASSWORD);
    await settle(admin, () => admin.getByRole('button', { name: 'Přihlásit se' }).click());
    await admin.locator('#section-nav').waitFor();
    assert.match(await admin.locator('#account-nav').textContent(), /Poskytovatel \(demo\)/);
    await openSection(admin, 'Volná místa');
    await settle(admin, () => admin.getByRole('link', { name: 'Zveřejnit volné místo' }).click());
    const form = admin.locator('#vacancy-form');
    await form.getByLabel('Služba').selectOption(SERVICE_ID);
    assert.notEqual(await form.getByLabel('Místo poskytování').inputValue(), '', 'the only place is chosen');
    await form.getByLabel('Počet volných míst').fill('2');
    await form.getByLabel('Popis místa').fill(description);
    await form.getByLabel('Místo je bezbariérové').check();
    await form.getByLabel('Podlaží', { exact: true }).fill('1');
    await form.getByLabel('Výtah').selectOption('true');
    await form.getByLabel('Kontaktní osoba').fill('Jana Nováková');
    await form.getByLabel('Telefon').fill('+420 581 292 611');
    await form.getByLabel('E-mail').fill('socialni@dominikakokory.cz');
    await form.getByRole('button', { name: 'Zveřejnit nabídku' }).click();
    await admin.locator('.notice', { hasText: 'Nabídka byla zveřejněna' }).waitFor();
    const row = admin.locator('tr', { hasText: description });
    await row.waitFor();
    const id = await row.getAttribute('data-vacancy-id');
    publishedId = id;

    // Page A learns of it over SignalR.
    await vacancyItem().waitFor({ timeout: LIVE_TIMEOUT });
    assert.equal(await map.evaluate(() => window.notReloaded), true, 'the map page was not reloaded');
    const item = vacancyItem();
    assert.equal(await item.getAttribute('data-id'), id);
    assert.match(await item.textContent(), /2 volná místa/);
    assert.match(await item.textContent(), new RegExp(SERVICE_NAME));
    assert.match(await item.textContent(), /bezbariérové/);

    await item.locator('button').click();
    const card = map.locator('.leaflet-popup .vac-card');
    await card.waitFor();
    assert.match(await card.textContent(), new RegExp(description));
    assert.match(await card.textContent(), /Jana Nováková/);
    assert.equal(await card.locator('a[href^="tel:"]').first().getAttribute('href'), 'tel:+420581292611');
    assert.equal(await card.locator('a[href^="mailto:socialni@dominikakokory.cz"]').count(), 2, 'the address and the contact button');
    assert.equal(await card.getByRole('link', { name: 'Kontaktovat poskytovatele' }).count(), 1);
    assert.match(await card.textContent(), /1\. patro/);
    assert.equal(await map.locator(`.leaflet-marker-pane .vac-marker[data-vacancy-id="${id}"]`).count(), 1, 'its marker is on the map');
    await map.mouse.move(0, 0);
    // Leaflet fades popups in.
    await map.waitForFunction(() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1');
    await map.screenshot({ path: `${ARTIFACTS}vacancies.png` });
    await map.keyboard.press('Escape');
  });

  it('a shared link opens the vacancy card that was open, clear of the legend', async () => {
    await vacancyItem().locator('button').click();
    await map.locator('.leaflet-popup .vac-card').waitFor();
    await map.waitForFunction((want) => new URL(location.href).searchParams.get('karta') === want, publishedId);
    const shared = await openPage('sdílená nabídka');
    await shared.setViewportSize({ width: 1280, height: 800 });
    await settle(shared, () => shared.goto(map.url()));
    const card = shared.locator('.leaflet-popup .vac-card');
    await mapCardSettled(shared);
    assert.match(await card.textContent(), new RegExp(description));
    // The legend in the top right corner must not cover the card's close button.
    await shared.locator('.leaflet-popup-close-button').click({ timeout: 10_000 });
    await card.waitFor({ state: 'detached' });
    assert.equal(new URL(shared.url()).searchParams.get('karta'), null, 'a closed card leaves the address');
    await shared.close();
    await map.keyboard.press('Escape');
  });

  it('the same vacancy filtered out by a filter, and back', async () => {
    // Barrier-free only: still listed. The Zlínský kraj: not.
    await settle(map, () => map.getByLabel('Jen bezbariérová místa').check());
    assert.match(map.url(), /[?&]bezbarierove=1/);
    assert.equal(await vacancyItem().count(), 1);
    await settle(map, () => map.selectOption('#f-kraj', 'CZ072'));
    assert.equal(await vacancyItem().count(), 0);
    await settle(map, () => map.selectOption('#f-kraj', 'CZ071'));
    assert.equal(await vacancyItem().count(), 1);
  });

  it('withdrawing the vacancy removes it from the open map', async () => {
    const row = admin.locator('tr', { hasText: description });
    await row.getByRole('button', { name: 'Stáhnout' }).click();
    const dialog = admin.locator('#confirm-dialog');
    await dialog.waitFor();
    assert.match(await dialog.textContent(), /zmizí z veřejné mapy/);
    await dialog.getByRole('button', { name: 'Stáhnout nabídku' }).click();
    await admin.locator('.notice', { hasText: 'stažena' }).waitFor();
    assert.equal(await admin.locator('tr', { hasText: description }).count(), 0, 'no longer among the active ones');
    await admin.getByRole('button', { name: /^Stažené/ }).click();
    assert.equal(await admin.locator('tr', { hasText: description }).count(), 1, 'listed among the withdrawn ones');

    await vacancyItem().waitFor({ state: 'detached', timeout: LIVE_TIMEOUT });
    assert.equal(await map.evaluate(() => window.notReloaded), true, 'the map page was not reloaded');
  });

  it('a map that lost its connection reconnects and catches up with what it missed', async () => {
    const missed = `E2E během výpadku ${RUN}`;
    await map.context().setOffline(true);
    await map.evaluate(() => window.openSockets.forEach((ws) => ws.close()));
    await map.locator('#live-status[data-state="reconnecting"]').waitFor({ timeout: LIVE_TIMEOUT });
    assert.equal((await map.locator('#live-status').textContent()).trim(), 'obnovuji spojení…');

    // Published while the map is cut off: no push can reach it.
    const id = await admin.evaluate(async ({ serviceId, text }) => {
      const { token, header } = await (await fetch('/api/account/antiforgery')).json();
      const today = new Date().toISOString().slice(0, 10);
      const until = new Date(Date.now() + 7 * 864e5).toISOString().slice(0, 10);
      const places = await (await fetch('/api/my/services')).json();
      const placeId = places.find((x) => x.id === serviceId).places[0].placeId;
      const res = await fetch('/api/my/vacancies', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [header]: token },
        body: JSON.stringify({
          serviceId, placeId, places: 1, availableFrom: today, validUntil: until, targetGroup: null, description: text,
          barrierFree: true, floor: 0, lift: null, barrierNote: null, contactName: 'Jana Nováková', contactPhone: '581 292 611', contactEmail: null,
        }),
      });
      return (await res.json()).id;
    }, { serviceId: SERVICE_ID, text: missed });
    await map.waitForTimeout(500);
    assert.equal(await map.locator('#results-list > li', { hasText: missed }).count(), 0);

    await map.context().setOffline(false);
    await map.locator('#live-status[data-state="live"]').waitFor({ timeout: 30_000 });
    await map.locator('#results-list > li', { hasText: missed }).waitFor({ timeout: LIVE_TIMEOUT });
    assert.equal(await map.evaluate(() => window.notReloaded), true, 'the map page was not reloaded');

    await admin.evaluate(async (vacancyId) => {
      const { token, header } = await (await fetch('/api/account/antiforgery')).json();
      await fetch(`/api/my/vacancies/${vacancyId}`, { method: 'DELETE', headers: { [header]: token } });
    }, id);
    await map.locator('#results-list > li', { hasText: missed }).waitFor({ state: 'detached', timeout: LIVE_TIMEOUT });
  });
});

describe('správa služby poskytovatelem', () => {
  let first;
  let second;
  let original;
  const descriptionInput = (page) => page.locator('#service-form').getByLabel('Popis pro veřejnost');

  // A fresh document with the stored version: going to the address the page already shows would change nothing.
  async function openService(page) {
    await settle(page, async () => {
      await page.goto('about:blank');
      await page.goto(`${BASE}/sprava.html#sluzby/${SERVICE_ID}`);
    });
    await page.locator('#service-form').waitFor();
  }

  // Resolves with the answer to this save's own request: a notice from an earlier save may still be shown.
  async function save(page, button = page.getByRole('button', { name: 'Uložit změny' })) {
    const answer = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith(`/api/my/services/${SERVICE_ID}`));
    await button.click();
    return answer;
  }

  // The form a save draws again is whole (both maps loaded, so a next save reads every field) once its notice takes
  // the focus; typed into before, a save sends a place without its obec and point.
  const saved = (page) => page.locator('.notice:focus', { hasText: 'Změny byly uloženy' }).waitFor();

  it("a provider's change of the description is stored", async () => {
    first = await openPage('služba 1', ['/api/account/me']);
    await signIn(first, PROVIDER);
    await first.locator('#section-nav').waitFor();
    await openSection(first, 'Moje služby');
    await settle(first, () => first.getByRole('link', { name: new RegExp(SERVICE_NAME) }).click());
    original = await descriptionInput(first).inputValue();
    const changed = `E2E popis ${RUN}: domov pro seniory v obci Kokory.`;
    await descriptionInput(first).fill(changed);
    assert.equal((await save(first)).status(), 200);
    await saved(first);
    await settle(first, () => first.reload());
    await first.locator('#service-form').waitFor();
    assert.equal(await descriptionInput(first).inputValue(), changed);
    // The maps of the place and the catchment area are drawn.
    await first.locator('.place-map .leaflet-marker-icon').waitFor();
    await first.locator('.catchment-map path').first().waitFor();
    await first.mouse.move(0, 0);
    await first.screenshot({ path: `${ARTIFACTS}sprava.png` });
  });

  it('the second of two writers gets a conflict and keeps what they typed', async () => {
    second = await openPage('služba 2', ['/api/account/me', `/api/my/services/${SERVICE_ID}`]);
    await signIn(second, PROVIDER);
    await second.locator('#section-nav').waitFor();
    await openService(second);
    await openService(first);

    await descriptionInput(first).fill(`E2E první ${RUN}`);
    assert.equal((await save(first)).status(), 200);
    await saved(first);

    const mine = `E2E druhý ${RUN}: tento text se nesmí ztratit.`;
    await descriptionInput(second).fill(mine);
    assert.equal((await save(second)).status(), 409);
    const conflict = second.locator('.conflict');
    await conflict.waitFor();
    assert.match(await conflict.textContent(), /Záznam mezitím změnil někdo jiný/);
    assert.equal(await descriptionInput(second).inputValue(), mine, 'the typed text stays in the form');
    await conflict.getByRole('button', { name: 'Porovnat s aktuálním stavem' }).click();
    const compare = conflict.locator('.compare-table');
    await compare.waitFor();
    assert.match(await compare.textContent(), /Popis/);
    assert.match(await compare.textContent(), new RegExp(`E2E první ${RUN}`));
    assert.equal((await save(second, conflict.getByRole('button', { name: 'Uložit moje úpravy přes aktuální stav' }))).status(), 200);
    await saved(second);
    assert.equal(await descriptionInput(second).inputValue(), mine);

    // Leave the service as it was.
    await descriptionInput(second).fill(original);
    assert.equal((await save(second)).status(), 200);
    await saved(second);
  });
});

describe('účty, zablokování a auditní záznam', () => {
  const email = `e2e-${RUN}@demo.kissos.cz`;
  let page;

  it('an administrator creates a provider account', async () => {
    page = await openPage('správce', ['/api/account/me']);
    await signIn(page, 'admin@demo.kissos.cz');
    await page.locator('#section-nav').waitFor();
    await openSection(page, 'Účty');
    const form = page.locator('#user-form');
    await form.getByLabel('E-mail (přihlašovací jméno)').fill(email);
    await form.getByLabel('Jméno', { exact: true }).fill(`Zkušební účet ${RUN}`);
    await form.getByLabel('Počáteční heslo').fill('Zkusebni-heslo-2026');
    await form.getByLabel('Role').selectOption('provider');
    assert.equal(await form.getByLabel('Kraj', { exact: true }).isVisible(), false, 'only the provider binding is shown');
    await form.getByLabel('IČO poskytovatele').fill('61985929');
    await form.getByRole('button', { name: 'Založit účet' }).click();
    await page.locator('.notice', { hasText: email }).waitFor();
    const row = page.locator(`tr[data-email="${email}"]`);
    assert.match(await row.textContent(), /poskytovatel.*IČO 61985929/);
  });

  it('repeated wrong passwords lock the account with a Czech message', async () => {
    const login = await openPage('zablokování', ['/api/account/me', '/api/account/login']);
    await settle(login, () => login.goto(`${BASE}/sprava.html`));
    let text = '';
    for (let attempt = 1; attempt <= 6 && !/zablokován/.test(text); attempt++) {
      await login.getByLabel('E-mail').fill(email);
      await login.getByLabel('Heslo').fill(`spatne-${attempt}`);
      // The summary of this attempt, not the one the previous attempt left.
      const answer = login.waitForResponse((r) => r.url().endsWith('/api/account/login'));
      await login.getByRole('button', { name: 'Přihlásit se' }).click();
      await answer;
      await login.locator('.error-summary').waitFor();
      await login.waitForFunction(() => !document.querySelector('.login-form button[type="submit"]').disabled);
      text = await login.locator('.error-summary').textContent();
    }
    assert.match(text, /Účet je dočasně zablokován/);
    assert.match(text, /Zkuste to později/);
    await settle(page, () => page.reload());
    assert.match(await page.locator(`tr[data-email="${email}"]`).textContent(), /zablokován do/);
  });

  it('the audit log shows who published and withdrew the vacancy, with old and new values', async () => {
    assert.ok(publishedId, 'the vacancy journey ran first');
    await openSection(page, 'Auditní záznam');
    await page.getByLabel('Typ záznamu').selectOption('Vacancy');
    await page.getByLabel('Identifikátor záznamu').fill(publishedId);
    await settle(page, () => page.getByRole('button', { name: 'Filtrovat' }).click());
    assert.match(page.url(), /#audit\?entity=Vacancy&entityId=/);
    const rows = page.locator('.audit-table tbody tr');
    await rows.first().waitFor();
    // Newest first: the withdrawal, then the publication.
    const actions = await rows.evaluateAll((trs) => trs.map((tr) => tr.children[3].textContent));
    assert.deepEqual(actions, ['změna', 'založení']);
    for (const row of await rows.all()) assert.match(await row.textContent(), new RegExp(PROVIDER));
    const withdrawal = rows.first();
    assert.equal(await withdrawal.locator('dt:text-is("Staženo") + dd .old-value').textContent(), 'prázdné');
    assert.match(await withdrawal.locator('dt:text-is("Staženo") + dd .new-value').textContent(), /\d{1,2}\. \d{1,2}\. \d{4}/);
    assert.match(await rows.nth(1).textContent(), new RegExp(description));
  });

  it('a municipality account gets a friendly note and the way to the map', async () => {
    const obec = await openPage('obec', ['/api/account/me']);
    await signIn(obec, 'obec@demo.kissos.cz');
    await obec.locator('h1', { hasText: 'Vítejte' }).waitFor();
    assert.match(await obec.locator('main').textContent(), /Modul pro obce/);
    assert.equal(await obec.getByRole('link', { name: 'mapu sociálních služeb' }).count(), 1);
  });
});

describe('konzole', () => {
  it('logged no console errors', () => {
    assert.deepEqual(consoleErrors, []);
  });
});

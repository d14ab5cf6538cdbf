// Browser journeys of issue 4: providers import their registers, the public sees the demand map with small counts
// hidden, regional staff read the reports. Everything the test needs it creates through CSV uploads, with people
// unique to the run, so it passes on a fresh database and on one holding a generated register alike.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { settle } from './ready.mjs';

const BASE = (process.env.KISSOS_URL || 'http://127.0.0.1:5080').replace(/\/$/, '');
const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const PASSWORD = 'Kissos-demo-2026';
const PROVIDER = 'poskytovatel@demo.kissos.cz';
const HOME = 'mpsv-4365'; // Centrum Dominika Kokory: domov pro seniory, Olomoucký kraj
const ASSISTANCE = 'mpsv-6276'; // Osobní asistence of Diakonie Valašské Meziříčí, Zlínský kraj
const DOMOVY_PRO_SENIORY = '13';
const OLOMOUC = '500496';
const ORP_OLOMOUC = '7107';
const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.replace(/\d/g, (d) => 'abcdefghij'[d]);
const TODAY = new Date().toISOString().slice(0, 10); // the server's day (UTC)

let browser;
const contexts = [];
const consoleErrors = [];
let applicantHeader; // the header line of the downloadable template
let newApplicants = []; // what the first good import created, as the provider's API lists it

// A person known only by name and date of birth, unique to this run: the server turns it into a code.
const person = (n) => ['', 'Zkušební', `Osoba${RUN}${'abc'[n]}`, '1.1.1940'];
const applicantRows = (status = 'waiting', statusOn = '') => [
  [HOME, ...person(0), TODAY, OLOMOUC, 'vek|zdravotni_stav', '24', '2', status, statusOn],
  [ASSISTANCE, ...person(0), TODAY, OLOMOUC, 'zdravotni_stav', '', '1', status, statusOn],
  [ASSISTANCE, ...person(1), '2026-01-15', OLOMOUC, 'vek', '', '1', 'admitted', TODAY],
];
const csv = (header, rows) => `${[header, ...rows.map((r) => r.join(';'))].join('\r\n')}\r\n`;
// Czech letters as Windows-1250 holds them (Excel's „CSV (oddělený středníkem)“); everything else here is ASCII.
const CP1250 = { á: 0xe1, č: 0xe8, ď: 0xef, é: 0xe9, ě: 0xec, í: 0xed, ň: 0xf2, ó: 0xf3, ř: 0xf8, š: 0x9a, ť: 0x9d, ú: 0xfa, ů: 0xf9, ý: 0xfd, ž: 0x9e };
const windows1250 = (text) => Buffer.from([...text].map((c) => CP1250[c] ?? (c.charCodeAt(0) < 128 ? c.charCodeAt(0) : assert.fail(`no Windows-1250 byte for ${c}`))));

async function openPage(name, expected = []) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'cs-CZ', acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const url = m.location()?.url || '';
    if (m.text().startsWith('Failed to load resource') && expected.some((u) => new URL(url, BASE).pathname === u)) return;
    consoleErrors.push(`${name}: ${m.text()} (${url})`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${name}: page error: ${e.message}`));
  return page;
}

async function signIn(page, email) {
  await settle(page, () => page.goto(`${BASE}/sprava.html`));
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Heslo').fill(PASSWORD);
  await settle(page, () => page.getByRole('button', { name: 'Přihlásit se' }).click());
  await page.locator('#section-nav').waitFor();
}

async function openSection(page, name) {
  await settle(page, () => page.locator('#section-nav').getByRole('link', { name }).click());
}

const myApplicants = (page) => page.evaluate(async () => (await fetch('/api/my/registers/applicants')).json());

async function upload(page, kind, name, text) {
  const form = page.locator(`form[data-import="${kind}"]`);
  const result = page.locator(`form[data-import="${kind}"] ~ .import-result`);
  const done = Number(await result.getAttribute('data-uploads')) + 1;
  await form.locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await form.getByRole('button', { name: 'Nahrát soubor' }).click();
  await page.locator(`form[data-import="${kind}"] ~ .import-result[data-uploads="${done}"]`).waitFor();
  return result.locator('.notice');
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

describe('registry: import poskytovatelem', () => {
  let page;

  it('the provider opens the registers with the templates and the privacy note', async () => {
    page = await openPage('registry', ['/api/account/me', '/api/my/registers/applicants']);
    await signIn(page, PROVIDER);
    await openSection(page, 'Registry žadatelů');
    assert.match(await page.locator('h1').textContent(), /Registry žadatelů a uživatelů/);
    assert.match(await page.locator('.privacy-note').textContent(), /kód osoby a identifikační údaje zahodí/);
    const templates = page.getByRole('link', { name: 'Stáhnout šablonu' });
    assert.equal(await templates.count(), 2);
    assert.equal(await templates.first().getAttribute('href'), 'sablony/zadatele.csv');
    const res = await page.request.get(`${BASE}/sablony/zadatele.csv`);
    assert.equal(res.status(), 200);
    applicantHeader = (await res.text()).replace(/^\uFEFF/, '').split(/\r?\n/)[0];
    assert.equal(applicantHeader, 'sluzba;rodne_cislo;jmeno;prijmeni;datum_narozeni;datum_zadosti;obec;nepriznive_situace;cilova_skupina;naleharost;stav;datum_stavu');
  });

  it('a file with a bad row is refused with its line and reason, and nothing is saved', async () => {
    const before = (await myApplicants(page)).length;
    const rows = applicantRows();
    rows.splice(1, 0, [HOME, ...person(2), TODAY, OLOMOUC, 'vek', '', '1', 'ceka', '']); // line 3
    const box = await upload(page, 'zadatele', 'zadatele-chyba.csv', csv(applicantHeader, rows));
    assert.match(await box.textContent(), /Import zamítnut, nic nebylo uloženo/);
    const errors = box.locator('table.import-errors tbody tr');
    assert.equal(await errors.count(), 1);
    assert.equal((await errors.first().locator('td').first().textContent()).trim(), '3');
    assert.match(await errors.first().textContent(), /stav 'ceka'/);
    assert.equal(await box.locator('caption').textContent(), 'Chybné řádky');
    assert.equal((await myApplicants(page)).length, before, 'nothing was saved');
  });

  it('a good file is imported and the counts are shown; the same file again changes nothing', async () => {
    const before = new Set((await myApplicants(page)).map((a) => a.id));
    const text = csv(applicantHeader, applicantRows());
    let box = await upload(page, 'zadatele', 'zadatele.csv', text);
    assert.match(await box.textContent(), /3 nové, 0 změněných, 0 beze změny/);
    newApplicants = (await myApplicants(page)).filter((a) => !before.has(a.id));
    assert.equal(newApplicants.length, 3);

    box = await upload(page, 'zadatele', 'zadatele.csv', text);
    assert.match(await box.textContent(), /0 nových, 0 změněných, 3 beze změny/);
    assert.equal((await myApplicants(page)).length, before.size + 3);
  });

  it('the same file saved by Czech Excel in Windows-1250 holds the same people: nothing changes', async () => {
    const bytes = windows1250(csv(applicantHeader, applicantRows()));
    assert.ok(bytes.includes(0x9a), 'the file holds a Windows-1250 letter (š)');
    const box = await upload(page, 'zadatele', 'zadatele-excel.csv', bytes);
    assert.match(await box.textContent(), /0 nových, 0 změněných, 3 beze změny/);
  });

  it('the applicants list shows them, warning that the person also waits elsewhere', async () => {
    const waiting = newApplicants.filter((a) => a.status === 'waiting');
    assert.equal(waiting.length, 2);
    await page.getByLabel('Služba', { exact: true }).selectOption(HOME);
    const row = page.locator(`.applicants-table tr[data-id="${waiting.find((a) => a.serviceId === HOME).id}"]`);
    await row.waitFor();
    assert.match(await row.textContent(), /Olomouc/);
    assert.match(await row.textContent(), /čeká/);
    assert.equal((await row.locator('.badge').textContent()).trim(), 'čeká i jinde (1)');
    assert.equal(await row.locator('td.mono').textContent(), waiting[0].personCode);
    assert.doesNotMatch(await page.locator('main').textContent(), new RegExp(`Osoba${RUN}`), 'no name is shown back');
  });

  it('users are imported too: a stay that ended with a move to another service', async () => {
    const header = 'sluzba;rodne_cislo;jmeno;prijmeni;datum_narozeni;zahajeni;ukonceni;duvod_ukonceni;obec;navazujici_sluzba';
    const text = csv(header, [
      [ASSISTANCE, ...person(2), '2025-06-01', TODAY, 'přechod do pobytové služby', OLOMOUC, HOME],
      [HOME, ...person(2), TODAY, '', '', OLOMOUC, ''],
    ]);
    const box = await upload(page, 'uzivatele', 'uzivatele.csv', text);
    assert.match(await box.textContent(), /2 nové, 0 změněných, 0 beze změny/);
    const again = await upload(page, 'uzivatele', 'uzivatele.csv', text);
    assert.match(await again.textContent(), /0 nových, 0 změněných, 2 beze změny/);
  });
});

describe('mapa poptávky: veřejnost', () => {
  let map;

  // Every count in the table is 0, 5 or more, or the note that it is hidden.
  async function assertNoSmallCounts() {
    const cells = await map.locator('#demand-results tbody tr').evaluateAll((trs) => trs.map((tr) => tr.children[1].textContent.trim()));
    assert.ok(cells.length > 0, 'the table has rows');
    for (const c of cells) {
      const n = Number(c.replace(/\s/g, ''));
      assert.ok(Number.isInteger(n) && n % 5 === 0, `count "${c}" is a multiple of 5`);
    }
    assert.doesNotMatch(await map.locator('#result-count').textContent(), /\b[1-4] (osob|žadatel)/);
  }

  it('draws ORP polygons with a legend for a druh and day', async () => {
    map = await openPage('poptávka');
    await settle(map, () => map.goto(`${BASE}/?vrstva=poptavka&kraj=CZ071&druh=${DOMOVY_PRO_SENIORY}`));
    assert.equal(await map.locator('input[name="vrstva"][value="poptavka"]').isChecked(), true);
    assert.equal(await map.locator('#f-den').inputValue(), TODAY, 'today by default');
    assert.equal((await map.locator('#results-title').textContent()).trim(), 'Poptávka');
    assert.ok(await map.locator('path.demand-area').count() >= 13, 'the ORP of the kraj are drawn');
    assert.match(await map.locator('.legend').textContent(), /Čekající žadatelé na 1 000 obyvatel ORP/);
    assert.match(await map.locator('.demand-table caption').textContent(), /domovy pro seniory.*Olomoucký kraj/);
    assert.equal(await map.locator('#results-list').isVisible(), false, 'the service list is not shown');
    await assertNoSmallCounts();
  });

  it('rounds counts to multiples of 5 at the level of obce, and says so', async () => {
    await settle(map, () => map.selectOption('#f-orp', ORP_OLOMOUC));
    await settle(map, () => map.selectOption('#f-uroven', 'obce'));
    assert.match(map.url(), /[?&]uroven=obce/);
    const api = await (await map.request.get(`${BASE}/api/map/demand/obce?orp=${ORP_OLOMOUC}&druh=${DOMOVY_PRO_SENIORY}&on=${TODAY}`)).json();
    assert.equal(await map.locator('path.demand-area').count(), api.features.length);
    for (const f of api.features) assert.equal(f.properties.unmet % 5, 0, `${f.properties.name}: ${f.properties.unmet}`);
    assert.match(await map.locator('#demand-results').textContent(), /zaokrouhleny na násobky 5/);
    await assertNoSmallCounts();
  });

  it('shows supply beside demand and the flows, and keeps them in the address', async () => {
    await settle(map, () => map.selectOption('#f-uroven', 'orp'));
    await settle(map, () => map.getByLabel('Nabídka vedle poptávky').check());
    assert.match(await map.locator('.demand-table thead').textContent(), /Kapacita \(lůžek\)/);
    await settle(map, () => map.getByLabel('Toky z obce bydliště do služby').check());
    assert.match(await map.locator('#demand-results').textContent(), /Toky: /);
    const flows = await (await map.request.get(`${BASE}/api/map/flows?druh=${DOMOVY_PRO_SENIORY}&on=${TODAY}`)).json();
    for (const f of flows.features) assert.ok(f.properties.persons >= 5, 'flows only of 5 or more people');
    const url = new URL(map.url());
    for (const [k, v] of [['vrstva', 'poptavka'], ['nabidka', '1'], ['toky', '1'], ['orp', ORP_OLOMOUC]]) assert.equal(url.searchParams.get(k), v);

    await settle(map, () => map.reload());
    assert.equal(await map.getByLabel('Nabídka vedle poptávky').isChecked(), true);
    assert.equal(await map.getByLabel('Toky z obce bydliště do služby').isChecked(), true);
    assert.equal(await map.locator('#f-orp').inputValue(), ORP_OLOMOUC);
    await assertNoSmallCounts();

    await settle(map, () => map.selectOption('#f-orp', ''));
    await map.mouse.move(0, 0);
    await map.screenshot({ path: `${ARTIFACTS}demand.png` });

    // Back to the services view: its list and the capacity choropleth return.
    await settle(map, () => map.locator('.layer-switch label', { hasText: 'Služby' }).click());
    assert.ok(await map.locator('path.orp-area').count() > 0);
    assert.equal(await map.locator('path.demand-area').count(), 0);
    assert.equal(await map.locator('path.flow-line').count(), 0);
  });
});

describe('reporty: pracovníci kraje', () => {
  let page;

  it('permeability: a chart, its table and a CSV download', async () => {
    page = await openPage('reporty', ['/api/account/me']);
    await signIn(page, 'kraj@demo.kissos.cz');
    await openSection(page, 'Reporty');
    await settle(page, () => page.getByRole('link', { name: 'Prostupnost' }).click());
    assert.match(await page.locator('h1').textContent(), /Reporty – prostupnost/);
    const canvas = page.locator('.report-chart canvas');
    await canvas.waitFor();
    await page.waitForFunction(() => window.Chart?.getChart(document.querySelector('.report-chart canvas')));
    assert.match(await canvas.getAttribute('aria-label'), /Celkem přijato/);
    const ticks = await page.evaluate(() => window.Chart.getChart(document.querySelector('.report-chart canvas')).scales.x.ticks.map((t) => t.value));
    assert.ok(ticks.length > 1 && ticks.every(Number.isInteger), `whole persons on the value axis: ${ticks.join(' ')}`);
    const table = page.locator('.report-table table').first();
    assert.match(await table.locator('caption').textContent(), /Přijatí a odchody podle druhu služby/);
    // This run's admitted applicant and the user who left osobní asistence (Zlínský kraj).
    const assistance = table.locator('tbody tr', { hasText: 'osobní asistence' });
    const [admitted, left] = (await assistance.locator('td').allTextContents()).map((t) => Number(t.replace(/\s/g, '')));
    assert.ok(admitted >= 1 && left >= 1, `osobní asistence: admitted ${admitted}, left ${left}`);
    assert.ok(await page.locator('.report-table table').nth(1).locator('tbody tr', { hasText: 'domovy pro seniory' }).count() >= 1,
      'a move from osobní asistence to a home for seniors');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /^Stáhnout CSV/ }).first().click(),
    ]);
    assert.match(download.suggestedFilename(), /^prostupnost-\d{4}-01-01-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await readFile(await download.path(), 'utf8');
    assert.ok(text.startsWith('\uFEFFDruh služby;Přijato z pořadníků (osob);Odešlo ze služeb (osob)\r\n'), text.slice(0, 80));
    assert.match(text, /\r\nosobní asistence;\d+;\d+\r\n/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${ARTIFACTS}reports.png` });
  });

  it('the period is kept in the address', async () => {
    await page.getByLabel('Od', { exact: true }).fill(`${TODAY.slice(0, 4)}-01-01`);
    await settle(page, () => page.getByRole('button', { name: 'Zobrazit' }).click());
    assert.match(page.url(), /#reporty\/prostupnost\?od=\d{4}-01-01&do=\d{4}-\d{2}-\d{2}/);
    await page.locator('.report-chart canvas').waitFor();
  });

  it('adverse situations: a chart and a table of situations', async () => {
    await settle(page, () => page.getByRole('link', { name: 'Nepříznivé situace' }).click());
    const table = page.locator('.report-table table').first();
    assert.match(await table.locator('caption').textContent(), /podle nepříznivé sociální situace/);
    assert.equal(await table.locator('tbody tr').count(), 7, 'every situation of § 3 b)');
    assert.ok(await table.locator('tbody th', { hasText: 'nepříznivý zdravotní stav' }).count() === 1);
  });

  it('objective need: staff see exact counts, in a wide table that scrolls by keyboard', async () => {
    await settle(page, () => page.goto(`${BASE}/sprava.html#reporty/potrebnost?den=${TODAY}&kraj=CZ071&ukazatel=osob`));
    const exact = await page.evaluate(async (on) => (await fetch(`/api/registers/demand?on=${on}&level=orp`)).json(), TODAY);
    // This run's applicant from Olomouc waits for osobní asistence in the Zlínský kraj of the signed-in staff.
    const assistance = exact.find((c) => c.unit === ORP_OLOMOUC && c.druhName === 'osobní asistence');
    assert.ok(assistance?.persons >= 1, 'the staff API counts this run\'s applicant');
    const table = page.locator('.need-table table');
    const column = (await table.locator('thead th').allTextContents()).indexOf('osobní asistence');
    assert.ok(column > 1, 'a column of osobní asistence');
    const row = table.locator('tbody tr', { has: page.locator('th', { hasText: /^Olomouc$/ }) });
    assert.equal((await row.locator('th, td').nth(column).textContent()).replace(/\s/g, ''), String(assistance.persons));
    assert.doesNotMatch(await page.locator('.report-body').textContent(), /< 5|rozhraní serveru/, 'no hidden counts, no developer note');

    const region = page.locator('.need-table .table-scroll');
    assert.equal(await region.getAttribute('role'), 'region');
    assert.match(await page.locator(`#${await region.getAttribute('aria-labelledby')}`).textContent(), /Čekající osoby podle druhu služby/);
    assert.ok(await region.evaluate((e) => e.scrollWidth > e.clientWidth), 'the table is wider than its box');
    await region.focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('.need-table .table-scroll').scrollLeft > 0);
  });

  it('a quarterly snapshot is taken and shown', async () => {
    await settle(page, () => page.getByRole('link', { name: 'Čtvrtletní stav uživatelů' }).click());
    await page.getByRole('button', { name: /^Zaznamenat stav k / }).click();
    // The notice of this click ("… byl zaznamenán: N řádek/řádky/řádků"), not the "zatím nebyl zaznamenán" shown before it.
    await page.locator('.notice', { hasText: /byl zaznamenán: [\d\s]+ řád(ek|ky|ků) / }).waitFor();
    assert.equal(await page.locator('#error').isHidden(), true, 'no error banner');
  });
});

describe('reporty: správce vidí, kde tentýž člověk čeká', () => {
  it('the duplicates list names both services of this run\'s applicant', async () => {
    const page = await openPage('duplicity', ['/api/account/me']);
    await signIn(page, 'admin@demo.kissos.cz');
    await openSection(page, 'Reporty');
    await settle(page, () => page.getByRole('link', { name: 'Žadatelé na více pořadnících' }).click());
    const code = newApplicants.find((a) => a.status === 'waiting').personCode;
    const table = page.locator('.report-table table').nth(1);
    // The newest duplicates may be past the first rows; the CSV holds them all.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /^Stáhnout CSV/ }).nth(1).click(),
    ]);
    const lines = (await readFile(await download.path(), 'utf8')).split('\r\n').filter((l) => l.startsWith(`${code};`));
    assert.equal(lines.length, 2, 'one line per service');
    assert.ok(lines.some((l) => l.includes(`;${HOME};`)) && lines.some((l) => l.includes(`;${ASSISTANCE};`)));
    assert.ok(await table.locator('tbody tr').count() > 0);
  });
});

describe('úklid', () => {
  it('the run\'s applicants withdraw: a re-import with another status updates them', async () => {
    const page = await openPage('úklid', ['/api/account/me']);
    await signIn(page, PROVIDER);
    await openSection(page, 'Registry žadatelů');
    const box = await upload(page, 'zadatele', 'zadatele.csv', csv(applicantHeader, applicantRows('withdrawn', TODAY)));
    assert.match(await box.textContent(), /0 nových, 2 změněné, 1 beze změny/);
  });
});

describe('konzole', () => {
  it('logged no console errors', () => {
    assert.deepEqual(consoleErrors, []);
  });
});

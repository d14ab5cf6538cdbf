// Browser journey of Rozpočet a vyúčtování (issue 11): a provider fills term 1 (keyboard moves, two obce under one
// SO ORP, a folded column that stays folded after saving), the statutory representative hands it in, staff return it
// with a reason, the provider corrects it, it is handed in again and staff approve it; the XLSX downloads and
// uploads back. Setup (the service into the year's network, the term open) goes through the staff API, as staff would.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { ARTIFACTS, BASE, YEAR, call, cell, cellInput, fact, signIn, startJourney, waitReady } from './forms-journey.mjs';

const REASON = `Doplňte prosím úvazky sociálních pracovníků (${Date.now().toString(36)})`;

let journey;
const openPage = (name) => journey.openPage(name);

/** Waits until a computed cell shows the value (the server's check runs a moment after typing). */
const showsValue = (page, address, value) => page.waitForFunction(([a, v]) =>
  document.querySelector(`[data-cell="${a}"]`)?.textContent.replace(/\s/g, '') === v, [address, value], { timeout: 30_000 });

async function openForm(page, formId) {
  await page.goto(`${BASE}/formulare.html?id=${formId}`);
  await waitReady(page);
}

async function confirm(page) {
  await page.locator('#confirm-dialog .confirm-ok').click();
}

describe('formuláře: rozpočet a vyúčtování', () => {
  let staff; let provider; let statutory; let serviceId; let formId; let obce;

  before(async () => {
    journey = await startJourney();
    statutory = await openPage('statutory');
    await signIn(statutory, 'statutar@demo.kissos.cz');
    const services = await call(statutory, 'GET', '/api/my/services');
    assert.ok(services.ok && services.body.length > 0, `the statutory account has services: ${services.text}`);
    staff = await openPage('staff');
    await signIn(staff, 'kraj@demo.kissos.cz');
    // The first service of the IČO with a place in Zlínský kraj goes into this year's network; term 1 is open.
    for (const s of services.body) {
      const put = await call(staff, 'PUT', `/api/forms/network/${YEAR}/${encodeURIComponent(s.id)}`, { units: 3.5, beds: null });
      if (put.ok) { serviceId = s.id; break; }
    }
    assert.ok(serviceId, 'a service of IČO 73632783 lies in Zlínský kraj');
    const term = await call(staff, 'PUT', `/api/forms/terms/${YEAR}/1`, { name: 'Plánovaný', dataAsOf: `${YEAR}-05-31`, dueFrom: null, dueTo: `${YEAR + 1}-06-30` });
    assert.ok(term.ok, term.text);
    provider = await openPage('provider');
    await signIn(provider, 'poskytovatel@demo.kissos.cz', `?rok=${YEAR}`);
  });

  after(async () => {
    await journey?.close();
  });

  it('the provider fills term 1 with two obce under one SO ORP and a folded column', async () => {
    const row = provider.locator(`tr[data-service="${serviceId}"][data-term="1"]`);
    await row.getByRole('button', { name: 'Založit' }).click();
    await provider.waitForURL(/\?id=/);
    await waitReady(provider);
    formId = new URL(provider.url()).searchParams.get('id');
    assert.equal(await fact(provider, 'Stav').textContent(), 'rozpracováno');
    assert.equal(await provider.getByRole('button', { name: 'Podepsat a předat ke schválení krajem' }).count(), 0,
      'only the statutory representative may hand in');
    // A fresh form: every numeric cell is −1 and says so.
    assert.match(await cell(provider, 'naklady/1.1/z1').locator('.cell-message').textContent(), /Nevyplněno/);

    // Sources 2–13 folded away.
    await provider.getByRole('button', { name: 'Sbalit zdroje 2–13' }).click();
    assert.equal(await cell(provider, 'naklady/1.1/z2').isVisible(), false);
    assert.equal(await cell(provider, 'naklady/1.1/z1').isVisible(), true);

    // Two obce of one SO ORP, picked from the territory.
    const picker = provider.locator('.obce-picker');
    await picker.getByLabel('Kraj obce').selectOption('CZ072');
    const orpSelect = picker.getByLabel('SO ORP');
    await orpSelect.locator('option[value]:not([value=""])').first().waitFor({ state: 'attached' });
    const orp = await orpSelect.locator('option:not([value=""])').first().getAttribute('value');
    await orpSelect.selectOption(orp);
    const obecSelect = picker.getByLabel('Obec');
    await obecSelect.locator('option').nth(1).waitFor({ state: 'attached' });
    obce = await obecSelect.locator('option').evaluateAll((os) => os.slice(0, 2).map((o) => o.value));
    for (const obec of obce) {
      await provider.locator('.obce-picker').getByLabel('Obec').selectOption(obec);
      await provider.locator('.obce-picker').getByRole('button', { name: 'Přidat obec' }).click();
      await cell(provider, `naklady/obec:${obec}/z1`).waitFor();
    }

    // Everything not tracked is 0; then real values typed with spreadsheet keys.
    await provider.evaluate(() => {
      for (const i of document.querySelectorAll('.form-grid input')) {
        i.value = '0';
        i.dispatchEvent(new Event('input', { bubbles: true }));
      }
    });
    await cellInput(provider, 'naklady/1.1/z1').click();
    await cellInput(provider, 'naklady/1.1/z1').fill('1000');
    await provider.keyboard.press('Enter');
    assert.equal(await provider.evaluate(() => document.activeElement.closest('td').dataset.cell), 'naklady/1.2/z1', 'Enter moves down');
    await provider.keyboard.press('ArrowUp');
    assert.equal(await provider.evaluate(() => document.activeElement.closest('td').dataset.cell), 'naklady/1.1/z1', 'ArrowUp moves up');
    await cellInput(provider, `naklady/obec:${obce[0]}/z1`).fill('600,50');
    await cellInput(provider, `naklady/obec:${obce[1]}/z1`).fill('399,50');
    await cellInput(provider, 'jednotky/1.1/skutecnost').fill('1,5');

    // The server's check answers the sums as typed: the SO ORP row adds its obce, the balance row is 0.
    await showsValue(provider, `naklady/orp:${orp}/z1`, '1000,00');
    await showsValue(provider, 'naklady/N/z1', '1000,00');
    await showsValue(provider, 'naklady/rozdil/z1', '0,00');
    await showsValue(provider, 'jednotky/1/skutecnost', '1,50');
    // A wrong value is named at its cell in Czech.
    await cellInput(provider, 'naklady/1.2/z1').fill('abc');
    await provider.waitForFunction(() => document.querySelector('[data-cell="naklady/1.2/z1"]')?.classList.contains('is-invalid'));
    await cellInput(provider, 'naklady/1.2/z1').fill('0');
    await provider.waitForFunction(() => document.querySelector('.check-ok'));

    await provider.getByRole('button', { name: 'Uložit', exact: true }).click();
    await provider.getByText(/^Uloženo/).waitFor();
    await provider.reload();
    await waitReady(provider);
    assert.equal(await cell(provider, 'naklady/1.1/z2').isVisible(), false, 'the folded sources stay folded after saving');
    assert.equal(await cellInput(provider, `naklady/obec:${obce[1]}/z1`).inputValue(), '399,50');
    await provider.screenshot({ path: `${ARTIFACTS}forms-provider.png`, fullPage: false });
  });

  it('the XLSX downloads and uploads back', async () => {
    const [download] = await Promise.all([provider.waitForEvent('download'), provider.getByRole('link', { name: 'Stáhnout XLSX' }).click()]);
    const path = await download.path();
    assert.equal((await readFile(path)).subarray(0, 2).toString(), 'PK', 'an XLSX (zip) file');
    await Promise.all([provider.waitForEvent('load'), provider.locator('input.xlsx-upload').setInputFiles(path)]);
    await waitReady(provider);
    assert.equal(await cellInput(provider, `naklady/obec:${obce[1]}/z1`).inputValue(), '399,50', 'the uploaded workbook kept every cell');
  });

  it('the statutory representative hands it in, staff return it with a reason', async () => {
    await openForm(statutory, formId);
    await statutory.getByRole('button', { name: 'Podepsat a předat ke schválení krajem' }).click();
    await confirm(statutory);
    await statutory.waitForFunction(() => document.querySelector('dd[data-fact="Stav"]')?.textContent === 'ke schválení krajem');
    await waitReady(statutory);
    assert.match(await fact(statutory, 'Podepsal a předal').textContent(), /statutar@demo\.kissos\.cz|Statutární/);

    await staff.goto(`${BASE}/formulare.html?rok=${YEAR}&termin=1`);
    await waitReady(staff);
    const line = staff.locator(`tr[data-service="${serviceId}"]`);
    assert.equal(await line.locator('td.state').textContent(), 'ke schválení krajem');
    await line.getByRole('link').click();
    await staff.waitForURL(/\?id=/);
    await waitReady(staff);
    assert.equal(await staff.locator('.form-grid input').count(), 0, 'staff see the form read-only');
    await staff.getByLabel('Důvod (vrácení, znovuotevření, výjimka)').fill(REASON);
    await staff.getByRole('button', { name: 'Vrátit k přepracování' }).click();
    await staff.waitForFunction(() => document.querySelector('dd[data-fact="Stav"]')?.textContent === 'vráceno k přepracování');
    await waitReady(staff);
  });

  it('the provider corrects it, it is handed in again and staff approve', async () => {
    await openForm(provider, formId);
    await provider.locator('.notice', { hasText: REASON }).waitFor();
    await cellInput(provider, 'jednotky/1.1/skutecnost').fill('2');
    await provider.waitForFunction(() => document.querySelector('.form-status')?.dataset.checked === '1');
    await provider.getByRole('button', { name: 'Uložit', exact: true }).click();
    await provider.getByText(/^Uloženo/).waitFor();
    assert.equal(await fact(provider, 'Stav').textContent(), 'rozpracováno');

    await openForm(statutory, formId);
    await statutory.getByRole('button', { name: 'Podepsat a předat ke schválení krajem' }).click();
    await confirm(statutory);
    await statutory.waitForFunction(() => document.querySelector('dd[data-fact="Stav"]')?.textContent === 'ke schválení krajem');

    await openForm(staff, formId);
    await staff.getByRole('button', { name: 'Schválit' }).click();
    await confirm(staff);
    await staff.waitForFunction(() => document.querySelector('dd[data-fact="Stav"]')?.textContent === 'schváleno');
    await waitReady(staff);
    await showsValue(staff, 'jednotky/1/skutecnost', '2,00');

    // The printable view names the service, IČO, period, state and who signed when.
    await staff.goto(`${BASE}/formulare.html?id=${formId}&tisk=1`);
    await waitReady(staff);
    assert.match(await fact(staff, 'Poskytovatel').textContent(), /IČO 73632783/);
    assert.match(await fact(staff, 'Období').textContent(), new RegExp(`${YEAR}, 1\\. termín`));
    assert.equal(await fact(staff, 'Stav').textContent(), 'schváleno');
    assert.match(await fact(staff, 'Podepsal a předal').textContent(), /\d{4}/);
    await staff.emulateMedia({ media: 'print' });
    assert.equal(await staff.locator('.app-header').isVisible(), false, 'print hides the page header');
    await staff.pdf({ path: `${ARTIFACTS}forms-print.pdf` }).catch(() => {});
    assert.deepEqual(journey.consoleErrors, []);
  });

  it('staff download every form of the term in one CSV, the provider one set', async () => {
    await staff.emulateMedia({ media: 'screen' });
    await staff.goto(`${BASE}/formulare.html?rok=${YEAR}&termin=1`);
    await waitReady(staff);
    const [download] = await Promise.all([staff.waitForEvent('download'), staff.getByRole('link', { name: 'Stáhnout CSV' }).click()]);
    const rows = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '').split('\r\n').map((l) => l.split(';'));
    assert.equal(rows[0].join(';'), 'Kód služby;Služba;IČO;Poskytovatel;Druh;Stav;Sada;Kód řádku;Řádek;Kód sloupce;Sloupec;Hodnota');
    const approved = rows.find((r) => r[0] === serviceId && r[7] === '1.1' && r[9] === 'skutecnost');
    assert.deepEqual([approved?.[5], approved?.[11]], ['schváleno', '2'], 'the corrected FTE of the approved form');

    await openForm(provider, formId);
    await provider.locator('.set-csv summary').click();
    const [setFile] = await Promise.all([provider.waitForEvent('download'),
      provider.locator('.set-csv').getByRole('link', { name: 'Počet jednotek služby' }).click()]);
    const lines = (await readFile(await setFile.path(), 'utf8')).replace(/^\uFEFF/, '').split('\r\n');
    assert.equal(lines[0], 'Kód;Položka;Výchozí hodnota (síť);Skutečnost');
    assert.match(lines.find((l) => l.startsWith('1.1;')), /;;2$/, 'the corrected FTE; a baseline only in the total row');
    assert.match(lines.find((l) => l.startsWith('1;')), /;3,50;2$/, 'the network baseline (2 decimals) and the sum of FTE');
  });

  it('staff set a term, import the network (a bad line first) and change a copied template into a new version', async () => {
    const year = YEAR + 2;
    await staff.goto(`${BASE}/formulare.html?nastaveni=1&rok=${year}`);
    await waitReady(staff);
    const term = staff.locator('tr[data-term="1"]');
    await term.getByLabel('1. termín: název').fill('Plánovaný');
    await term.getByLabel('1. termín: data k').fill(`${year}-05-31`);
    await term.getByLabel('1. termín: odevzdání do').fill(`${year}-04-30`);
    await term.getByRole('button', { name: 'Uložit' }).click();
    await staff.locator('.xlsx-errors li', { hasText: 'Odevzdání do: Termín odevzdání je dřív' }).waitFor();
    await term.getByLabel('1. termín: odevzdání do').fill(`${year}-06-30`);
    await term.getByRole('button', { name: 'Uložit' }).click();
    await staff.getByText('1. termín uložen.').waitFor();

    const csv = (text) => ({ name: 'sit.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    await staff.getByLabel('Import sítě z CSV (sluzba;uvazky;luzka)').setInputFiles(csv(`sluzba;uvazky;luzka\n${serviceId};2,5;\nneni-takova;1;\n`));
    await staff.locator('.xlsx-errors li', { hasText: 'řádek 3' }).waitFor();
    assert.equal(await staff.locator(`tr[data-service="${serviceId}"]`).count(), 0, 'a bad line keeps every line out');
    await staff.getByLabel('Import sítě z CSV (sluzba;uvazky;luzka)').setInputFiles(csv(`sluzba;uvazky;luzka\n${serviceId};2,5;\n`));
    await staff.getByText('Importováno služeb: 1.').waitFor();
    assert.equal(Number(await staff.getByLabel(/^Úvazky: /).inputValue()), 2.5);

    await staff.getByLabel('Zkopírovat z roku').fill(String(YEAR));
    await staff.getByLabel('Do roku').fill(String(year));
    await staff.getByRole('button', { name: 'Zkopírovat' }).click();
    // The message atop the page drawn again: the box shows it first, before the list that holds the copy is reloaded.
    await staff.locator('#main > .notice', { hasText: `Šablona zkopírována: rok ${year}` }).waitFor();
    const copied = staff.locator('tr[data-template]', { has: staff.getByRole('cell', { name: String(year), exact: true }) }).first();
    await copied.getByRole('button', { name: 'Upravit' }).click();
    const costs = staff.locator('.template-set[data-set="naklady"]');
    await costs.locator('summary').click();
    await costs.getByLabel('Náklady a výnosy: název řádku 2.2').fill('2.2 potraviny a nápoje');
    await costs.getByLabel('Náklady a výnosy: kód nového řádku').fill('2.2.9');
    await costs.getByLabel('Náklady a výnosy: název nového řádku').fill('nadační příspěvky');
    await costs.getByRole('button', { name: 'Přidat řádek' }).click();
    const saved = await staff.locator('.notice', { hasText: /nová verze \d+/ }).textContent();
    const version = Number(saved.match(/nová verze (\d+)/)[1]);
    const list = await call(staff, 'GET', `/api/forms/templates?year=${year}`);
    const newest = list.body.find((t) => t.version === version);
    const file = await call(staff, 'GET', `/api/forms/templates/${newest.id}`);
    const rows = file.body.sets.find((x) => x.code === 'naklady').rows;
    assert.equal(rows.find((r) => r.code === '2.2').label, '2.2 potraviny a nápoje');
    assert.equal(rows.find((r) => r.code === '2.2.9').label, 'nadační příspěvky');
  });
});

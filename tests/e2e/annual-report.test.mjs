// Browser journey of Výkaz skutečnost (issue 12): the statutory representative signs term 3 of the settlement, the
// report appears under "Moje výkazy" with the transferred values greyed, a cross-set check fails and is fixed, the
// report is signed with a .p7s made by openssl from a test certificate and handed in, staff approve it.
// Setup (the service into the year's network, term 3 open) goes through the staff API, as staff would.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS, BASE, YEAR, call, cell, cellInput, fact, signIn, startJourney, waitReady } from './forms-journey.mjs';

let journey;
let work;
const openPage = (name) => journey.openPage(name);

const stateIs = (page, label) => page.waitForFunction((l) => document.querySelector('dd[data-fact="Stav"]')?.textContent === l, label);

/** Every editable cell of the page set to 0, as a provider does for indicators the service does not track. */
const zeroAll = (page) => page.evaluate(() => {
  for (const i of document.querySelectorAll('.form-grid input')) {
    i.value = '0';
    i.dispatchEvent(new Event('input', { bubbles: true }));
  }
});

async function signHandIn(page) {
  await page.getByRole('button', { name: 'Podepsat a předat ke schválení krajem' }).click();
  await page.locator('#confirm-dialog .confirm-ok').click();
  await stateIs(page, 'ke schválení krajem');
  await waitReady(page);
}

describe('výkaz skutečnost: překlopení, kontroly, kvalifikovaný podpis', () => {
  let staff; let statutory; let serviceId; let settlementId; let reportId;

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'kissos-p7s-'));
    journey = await startJourney();
    statutory = await openPage('statutory');
    await signIn(statutory, 'statutar@demo.kissos.cz');
    const services = await call(statutory, 'GET', '/api/my/services');
    assert.ok(services.ok && services.body.length > 0, `the statutory account has services: ${services.text}`);
    staff = await openPage('staff');
    await signIn(staff, 'kraj@demo.kissos.cz');
    // The last service of the IČO with a place in Zlínský kraj (the budget journey takes the first) goes into the network.
    for (const s of [...services.body].reverse()) {
      const put = await call(staff, 'PUT', `/api/forms/network/${YEAR}/${encodeURIComponent(s.id)}`, { units: 3.5, beds: null });
      if (put.ok) { serviceId = s.id; break; }
    }
    assert.ok(serviceId, 'a service of IČO 73632783 lies in Zlínský kraj');
    const term = await call(staff, 'PUT', `/api/forms/terms/${YEAR}/3`, { name: 'Vyúčtování / Skutečnost', dataAsOf: `${YEAR}-12-31`, dueFrom: null, dueTo: `${YEAR + 1}-02-05` });
    assert.ok(term.ok, term.text);
  });

  after(async () => {
    await journey?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('the statutory representative signs term 3 of the settlement', async () => {
    await statutory.goto(`${BASE}/formulare.html?rok=${YEAR}`);
    await waitReady(statutory);
    await statutory.locator(`tr[data-service="${serviceId}"][data-term="3"]`).getByRole('button', { name: 'Založit' }).click();
    await statutory.waitForURL(/\?id=/);
    await waitReady(statutory);
    settlementId = new URL(statutory.url()).searchParams.get('id');
    await zeroAll(statutory);
    await cellInput(statutory, 'jednotky/1.1/skutecnost').fill('2,5');
    await statutory.waitForFunction(() => document.querySelector('.check-ok'));
    await signHandIn(statutory);
  });

  it('the report appears under Moje výkazy with the transferred values greyed', async () => {
    await statutory.goto(`${BASE}/formulare.html?rok=${YEAR}&rodina=vykaz-skutecnost`);
    await waitReady(statutory);
    assert.match(await statutory.locator('h1').textContent(), /Moje výkazy/);
    await statutory.locator(`tr[data-service="${serviceId}"][data-term="3"]`).getByRole('button', { name: 'Otevřít' }).click();
    await statutory.waitForURL(/\?id=/);
    await waitReady(statutory);
    reportId = new URL(statutory.url()).searchParams.get('id');
    const transferred = cell(statutory, 'pracovnici/1.1/skutecnost');
    assert.ok(await transferred.evaluate((td) => td.classList.contains('cell-transferred')), 'greyed');
    assert.equal(await transferred.locator('input').count(), 0, 'read-only');
    assert.match(await transferred.getAttribute('title'), /Převzato: Rozpočet a vyúčtování, 3\. termín/);
    assert.match(await transferred.textContent(), /2,50/);
    assert.equal(await cellInput(statutory, 'pracovnici/2.1/skutecnost').count(), 1, 'other staff are typed by hand');
  });

  it('a cross-set check fails, shows in the Kontrola protocol and is fixed', async () => {
    await zeroAll(statutory);
    // 2.5 FTE of direct care cannot be 1000 persons (at least 0.1 FTE each): K06 fails at the typed cell.
    await cellInput(statutory, 'unicitni/prima/osoby').fill('1000');
    await cell(statutory, 'unicitni/prima/osoby').locator('.cell-message', { hasText: 'K06' }).waitFor();
    await statutory.getByRole('button', { name: 'Kontrola', exact: true }).click();
    assert.equal(await statutory.locator('.check-protocol tr[data-check="K06"] td.outcome-chyba').count(), 1);
    await cellInput(statutory, 'unicitni/prima/osoby').fill('4');
    await statutory.waitForFunction(() => document.querySelector('.check-ok'));
    await statutory.getByRole('button', { name: 'Uložit', exact: true }).click();
    await statutory.getByText(/^Uloženo/).waitFor();
    await statutory.screenshot({ path: `${ARTIFACTS}annual-report.png`, fullPage: false });
  });

  it('the report is signed with a .p7s of a test certificate and handed in', async () => {
    await statutory.reload();
    await waitReady(statutory);
    const [download] = await Promise.all([statutory.waitForEvent('download'), statutory.getByRole('link', { name: 'Stáhnout soubor k podpisu' }).click()]);
    const canonical = join(work, 'vykaz.txt');
    await download.saveAs(canonical);
    const [key, cert, p7s] = ['key.pem', 'cert.pem', 'vykaz.p7s'].map((f) => join(work, f));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '30',
      '-subj', '/CN=Statutar Testovaci/O=Diakonie'], { stdio: 'ignore' });
    execFileSync('openssl', ['cms', '-sign', '-binary', '-in', canonical, '-signer', cert, '-inkey', key, '-outform', 'DER', '-out', p7s], { stdio: 'ignore' });
    await statutory.locator('#p7s-upload').setInputFiles(p7s);
    await signHandIn(statutory);
    assert.match(await fact(statutory, 'Podpis č. 1').textContent(), /SHA-256 [0-9a-f]{64}; certifikát O=Diakonie, CN=Statutar Testovaci, vydal O=Diakonie, CN=Statutar Testovaci, sériové číslo [0-9A-F]+$/);
  });

  it('staff see it with its checks and approve it', async () => {
    await staff.goto(`${BASE}/formulare.html?rok=${YEAR}&termin=3&rodina=vykaz-skutecnost`);
    await waitReady(staff);
    const line = staff.locator(`tr[data-service="${serviceId}"]`);
    assert.equal(await line.locator('td.state').textContent(), 'ke schválení krajem');
    await line.getByRole('link').click();
    await staff.waitForURL(/\?id=/);
    await waitReady(staff);
    assert.equal(new URL(staff.url()).searchParams.get('id'), reportId);
    await staff.getByRole('button', { name: 'Schválit' }).click();
    await staff.locator('#confirm-dialog .confirm-ok').click();
    await stateIs(staff, 'schváleno');
    await waitReady(staff);
    const settlement = await call(statutory, 'GET', `/api/my/forms/${settlementId}`);
    assert.equal(settlement.body.state, 'ke_schvaleni', 'the settlement is staff’s separate decision');
    assert.deepEqual(journey.consoleErrors, []);
  });
});

// Browser journey of the regional staff's sums of the annual reports (issue 12): from the overview of reports to
// "Souhrny podle druhu a ORP", handed-in forms only and then all, per druh and per ORP, and the CSV download.
// Setup goes through the API: staff copy the report template to next year (so no other journey's forms count), put
// two services of the statutory account's IČO into that year's network, and the statutory account saves two reports.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { BASE, YEAR as THIS_YEAR, call, signIn, startJourney } from './forms-journey.mjs';
import { settle } from './ready.mjs';

const YEAR = THIS_YEAR + 1;
const FAMILY = 'vykaz-skutecnost';

let journey;

async function signedIn(email) {
  const page = await journey.openPage(email);
  await signIn(page, email);
  return page;
}

const text = (locator) => locator.evaluate((n) => n.textContent.replace(/\s+/g, ' ').trim());

describe('souhrny výkazů podle druhu a ORP', () => {
  let staff;

  before(async () => {
    journey = await startJourney();
    staff = await signedIn('kraj@demo.kissos.cz');
    const statutory = await signedIn('statutar@demo.kissos.cz');
    const copy = await call(staff, 'POST', '/api/forms/templates/copy', { family: FAMILY, fromYear: YEAR - 1, toYear: YEAR });
    assert.ok(copy.ok, copy.text);
    const services = await call(statutory, 'GET', '/api/my/services');
    const chosen = [];
    for (const s of services.body) {
      if (chosen.length === 2) break;
      if ((await call(staff, 'PUT', `/api/forms/network/${YEAR}/${encodeURIComponent(s.id)}`, { units: 2, beds: null })).ok) chosen.push(s.id);
    }
    assert.equal(chosen.length, 2, 'two services of IČO 73632783 lie in Zlínský kraj');
    for (const [i, serviceId] of chosen.entries()) {
      const created = await call(statutory, 'POST', '/api/my/forms', { serviceId, year: YEAR, term: 3, family: FAMILY });
      assert.ok(created.ok, created.text);
      const saved = await call(statutory, 'PUT', `/api/my/forms/${created.body.id}`, {
        version: created.body.version, obce: [],
        values: { 'pracovnici/1.1/skutecnost': 1.5 + i, 'specificka/uzivatele/skutecnost': 10 + i, 'finance-naklady/1.1/z1': 1000000.5 },
      });
      assert.ok(saved.ok, saved.text);
    }
    await statutory.context().close();
  });

  after(async () => { await journey?.close(); });

  it('staff reach the sums from the overview of reports; drafts count only when asked', async () => {
    await settle(staff, () => staff.goto(`${BASE}/formulare.html?rok=${YEAR}&rodina=${FAMILY}`));
    assert.equal(await staff.locator('select[name="termin"]').inputValue(), '3', 'the report opens on its first term');
    await settle(staff, () => staff.getByRole('link', { name: 'Souhrny podle druhu a ORP' }).click());
    assert.match(await text(staff.locator('h1')), new RegExp(`Souhrny kraje CZ072 za rok ${YEAR}`));
    assert.match(await text(staff.locator('[data-states]')), /rozpracováno 2/);
    await staff.getByText(/^Žádné formuláře k sečtení: žádný není předán ani schválen/).waitFor();

    await staff.getByLabel('Formuláře').selectOption('all');
    await settle(staff, () => staff.getByRole('button', { name: 'Zobrazit' }).click());
    const total = staff.locator('.forms-sums tfoot tr');
    const headers = await staff.locator('.forms-sums thead th').allTextContents();
    const column = (label) => headers.indexOf(label);
    const totals = await total.locator('th, td').allTextContents();
    assert.equal(totals[column('Počet formulářů')], '2');
    assert.equal(totals[column('Náklady celkem (Kč)')].replace(/\s/g, ' '), '2 000 001');
    assert.equal(totals[column('Úvazky v přímé péči')], '4');
    assert.equal(totals[column('Uživatelé za rok (osoby)')], '21');

    await staff.getByLabel('Podle').selectOption('orp');
    await settle(staff, () => staff.getByRole('button', { name: 'Zobrazit' }).click());
    assert.equal((await staff.locator('.forms-sums thead th').first().textContent()), 'ORP');
    const orpTotals = await staff.locator('.forms-sums tfoot tr').locator('th, td').allTextContents();
    assert.equal(orpTotals[column('Uživatelé za rok (osoby)')], '21', 'the ORP rows add up to the kraj');
    await staff.screenshot({ path: new URL('./artifacts/report-sums.png', import.meta.url).pathname, fullPage: true });
  });

  it('the sums download as CSV for Excel', async () => {
    const [download] = await Promise.all([staff.waitForEvent('download'), staff.getByRole('link', { name: 'CSV', exact: true }).click()]);
    const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '').split('\r\n');
    assert.match(csv[0], /^Kód ORP;ORP;Počet formulářů;Náklady celkem \(Kč\);/);
    assert.match(csv.filter(Boolean).at(-1), /^;Celkem;2;2000001;/);
    assert.deepEqual(journey.consoleErrors, []);
  });
});

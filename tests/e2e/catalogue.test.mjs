// Issue 10: the public catalogue — provider and service pages (with and without JavaScript), the search with and
// without diacritics, two facets, and a service page printed to PDF with the print style sheet.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const BASE = (process.env.KISSOS_URL || 'http://127.0.0.1:5080').replace(/\/$/, '');
const ICO = '73632783'; // Diakonie Valašské Meziříčí
const SERVICE = process.env.KISSOS_CATCHMENT_SERVICE || 'mpsv-6276'; // given a catchment area by scripts/test.sh

let browser;
const problems = []; // console errors and CSP violations of every page

async function newPage(options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`${page.url()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
  return page;
}

const total = async (page) => Number(await page.getAttribute('#results-heading', 'data-total'));
const resultIds = (page) => page.$$eval('article.result', (a) => a.map((x) => x.dataset.id));

async function search(page, text) {
  await page.fill('#q', text);
  await Promise.all([page.waitForURL((url) => url.searchParams.get('q') === text), page.press('#q', 'Enter')]);
  return { total: await total(page), ids: await resultIds(page) };
}

describe('public catalogue', () => {
  before(async () => {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });
  after(async () => { await browser?.close(); });

  it('shows a provider page with its services, linked to their pages', async () => {
    const page = await newPage();
    const response = await page.goto(`${BASE}/poskytovatel/${ICO}`);
    assert.equal(response.status(), 200);
    assert.equal(await page.textContent('h1'), 'Diakonie Valašské Meziříčí');
    assert.match(await page.title(), /Diakonie Valašské Meziříčí \(IČO 73632783\)/);
    const services = await page.$$('section.service-summary');
    assert.ok(services.length >= 2, 'several services');
    await Promise.all([page.waitForURL(`${BASE}/sluzba/${SERVICE}`), page.click(`a[href="/sluzba/${SERVICE}"]`)]);
    assert.equal(await page.textContent('h1'), 'Osobní asistence');
  });

  it('draws a service page\'s places and catchment on a small map', async () => {
    const page = await newPage();
    await page.goto(`${BASE}/sluzba/${SERVICE}`);
    await page.waitForSelector('#service-map[data-ready="1"]');
    assert.equal(await page.isVisible('#service-map'), true);
    assert.ok(await page.$$eval('#service-map path', (p) => p.length) >= 2, 'the catchment area and the place are drawn');
    assert.equal(await page.getAttribute('.leaflet-control-zoom-in', 'title'), 'Přiblížit');
  });

  it('works without JavaScript: pages, the search form and facets', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await page.goto(`${BASE}/sluzba/${SERVICE}`);
    assert.equal(await page.textContent('h1'), 'Osobní asistence');
    assert.match(await page.textContent('.places'), /Vrbenská 803, 75701 Valašské Meziříčí/);
    assert.equal(await page.isVisible('#service-map'), false, 'no empty map box without script');
    await page.goto(`${BASE}/katalog`);
    const found = await search(page, 'valasske mezirici');
    assert.ok(found.total > 0);
    await Promise.all([page.waitForURL(/druh=/), page.click('[data-facet="druh"] a[data-code]')]);
    assert.ok(await total(page) > 0 && await total(page) <= found.total);
    await page.goto(`${BASE}/poskytovatel/${ICO}`);
    assert.equal(await page.textContent('h1'), 'Diakonie Valašské Meziříčí');
  });

  it('finds the same services with and without diacritics, in any word order', async () => {
    const page = await newPage();
    await page.goto(`${BASE}/katalog`);
    const plain = await search(page, 'prerov');
    assert.ok(plain.total > 0, 'prerov finds Přerov');
    const czech = await search(page, 'Přerov');
    assert.deepEqual(czech, plain);
    const words = await search(page, 'diakonie valasske');
    const reordered = await search(page, 'Valašské DIAKONIE');
    assert.ok(words.total > 0);
    assert.deepEqual(reordered, words);
    assert.match(await page.textContent('.results-list'), /Diakonie Valašské Meziříčí/);
  });

  it('narrows the results with two facets, each count matching what choosing it gives', async () => {
    const page = await newPage();
    await page.goto(`${BASE}/katalog?q=domov`);
    const all = await total(page);
    for (const facet of ['kraj', 'druh']) {
      const link = page.locator(`[data-facet="${facet}"] a[data-code]`).first();
      const count = Number((await link.locator('.count').textContent()).replace(/\D/g, ''));
      await Promise.all([page.waitForURL(new RegExp(`${facet}=`)), link.click()]);
      assert.equal(await total(page), count, `${facet}: the count on the link is the number of results`);
      assert.equal(await page.locator(`[data-facet="${facet}"] [aria-current="true"]`).count(), 1);
    }
    assert.ok(await total(page) < all, 'two facets narrow the search');
    assert.match(page.url(), /kraj=.*q=domov|q=domov.*kraj=/);
  });

  it('prints a service page without the navigation, to a PDF', async () => {
    const page = await newPage();
    await page.goto(`${BASE}/sluzba/${SERVICE}`);
    await page.waitForSelector('#service-map[data-ready="1"]');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.$eval('.site-nav', (n) => getComputedStyle(n).display), 'none');
    assert.equal(await page.$eval('.breadcrumbs', (n) => getComputedStyle(n).display), 'none');
    assert.equal(await page.isVisible('.print-only'), true, 'the printout says where it came from');
    assert.equal(await page.isVisible('h1'), true);
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    assert.ok(pdf.length > 5000, `a PDF of ${pdf.length} bytes`);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    // The PDF's text is compressed; its outline of links still names the provider page the card links to.
    assert.ok(pdf.includes(`/poskytovatel/${ICO}`), 'the link to the provider is in the PDF');
  });

  it('logged no console errors or policy violations', () => {
    assert.deepEqual(problems, []);
  });
});

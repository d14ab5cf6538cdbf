// Czech number words: the forms follow the platform's plural rules, and no page writes a count with a fixed form.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const JS = fileURLToPath(new URL('../../wwwroot/js/', import.meta.url));
// format.js has no imports; loaded from its text because wwwroot is no Node package.
const format = await import(`data:text/javascript,${encodeURIComponent(await readFile(`${JS}format.js`, 'utf8'))}`);

describe('Czech plurals', () => {
  it('agree with the number for every head word', () => {
    const cases = [
      [1, 'osoba', '1 osoba'], [3, 'osoba', '3 osoby'], [5, 'osoba', '5 osob'], [0, 'osoba', '0 osob'],
      [1, 'čára', '1 čára'], [2, 'čára', '2 čáry'], [22, 'čára', '22 čar'], [3, 'řádek', '3 řádky'], [11, 'řádek', '11 řádků'],
      [1, 'uživatel', '1 uživatel'], [4, 'žádost', '4 žádosti'], [2, 'záznam', '2 záznamy'],
      [1.5, 'lůžko', '1,5 lůžka'], [40, 'lůžko', '40 lůžek'], [2, 'služba', '2 služby'],
      [1, 'pořadník', '1 pořadník'], [3, 'pořadník', '3 pořadníky'], [1, 'buňka', '1 buňka'], [4, 'buňka', '4 buňky'], [6, 'buňka', '6 buněk'],
    ];
    for (const [n, head, expected] of cases) assert.equal(format.withUnit(n, head), expected);
  });

  it('pick a phrase by the number', () => {
    const waits = ['osoba čeká', 'osoby čekají', 'osob čeká', 'osoby čeká'];
    assert.deepEqual([1, 3, 7, 0].map((n) => format.plural(n, waits)),
      ['osoba čeká', 'osoby čekají', 'osob čeká', 'osob čeká']);
    assert.equal(format.foundServices(21), 'Nalezeno 21 služeb');
    assert.equal(format.vacantPlaces(3), '3 volná místa');
  });

  it('no script writes a formatted count followed by a fixed Czech word', async () => {
    // "${formatNumber(n)} osob" is right for 5 and wrong for 1 and 3: such counts go through withUnit or plural.
    const fixedWord = /\$\{formatNumber\((?:[^()]|\([^()]*\))*\)\} (?!km\b|ORP\b|beze\b|z\b)\p{Ll}+/gu;
    const offenders = [];
    for (const entry of await readdir(JS, { recursive: true })) {
      if (!entry.endsWith('.js')) continue;
      const text = await readFile(`${JS}${entry}`, 'utf8');
      for (const m of text.matchAll(fixedWord)) offenders.push(`${entry}: ${m[0]}`);
    }
    assert.deepEqual(offenders, []);
  });

  it('no script picks a word form by comparing the count itself', async () => {
    // "n < 5 ? 'pořadníky' : 'pořadníků'" says "1 pořadníky": the platform's rules know the forms of 1, 2–4 and 5+.
    const comparison = /[\w.]+ (?:===? 1|<=? [45]|>=? [45]) \? '\p{Ll}+' : '\p{Ll}+'/gu;
    const offenders = [];
    for (const entry of await readdir(JS, { recursive: true })) {
      if (!entry.endsWith('.js')) continue;
      for (const m of (await readFile(`${JS}${entry}`, 'utf8')).matchAll(comparison)) offenders.push(`${entry}: ${m[0]}`);
    }
    assert.deepEqual(offenders, []);
  });
});

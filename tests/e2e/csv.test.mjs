// The page's own CSV downloads (wwwroot/js/csv.js): no cell may start a formula when Excel opens the file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toCsv } from '../../wwwroot/js/csv.js';

describe('CSV ke stažení ze stránky', () => {
  it('neutralises text that Excel would run as a formula, as the server does', () => {
    const csv = toCsv(['popis', 'telefon', 'počet'], [
      ['=HYPERLINK("http://example.org";"x")', '+420 571 629 084', -3],
      ['@SUM(A1)', '-', 1.5],
      ["'=already quoted", '\tTAB', null],
      ['Domov pro seniory', '571 629 084', 0],
    ]);
    assert.deepEqual(csv.replace(/^\uFEFF/, '').split('\r\n'), [
      'popis;telefon;počet',
      `"'=HYPERLINK(""http://example.org"";""x"")";'+420 571 629 084;-3`,
      "'@SUM(A1);'-;1,5",
      "''=already quoted;'\tTAB;",
      'Domov pro seniory;571 629 084;0',
      '',
    ]);
  });
});

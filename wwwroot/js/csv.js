// Client-side CSV as Czech Excel opens it: ';' between fields, UTF-8 with a byte order mark, CRLF lines.

// Text that Excel would take for a formula (=, +, -, @, TAB, CR first, also behind quotes) goes out behind a
// single quote, as the server's exports do (Common/Csv.cs, CsvCell); numbers are written by us and stay numbers.
export function neutralize(s) {
  return /^'*[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function cell(v) {
  if (v == null) return '';
  const s = typeof v === 'number' ? String(v).replace('.', ',') : neutralize(String(v));
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(headers, rows) {
  return `\uFEFF${[headers, ...rows].map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}

/** Saves rows as a CSV file through a temporary link; headers are the Czech column names. */
export function downloadCsv(filename, headers, rows) {
  const url = URL.createObjectURL(new Blob([toCsv(headers, rows)], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started by the time the click returns; the address is kept a moment for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

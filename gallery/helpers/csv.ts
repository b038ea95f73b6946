/**
 * CSV for French spreadsheets: UTF-8 with a byte order mark (so Excel reads accents right), `;` as
 * the separator, CRLF line ends, fields quoted when they need it. A text cell that a spreadsheet
 * would run as a formula (`=`, `+`, `-`, `@`, tab, CR) is prefixed with `'` so it stays text.
 */
export type CsvCell = string | number;

const BOM = '\uFEFF';

function cell(value: CsvCell): string {
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: CsvCell[][]): string {
  return BOM + rows.map((row) => row.map(cell).join(';')).join('\r\n') + '\r\n';
}

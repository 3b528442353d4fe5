/**
 * CSV that opens in Excel (and WPS) with Chinese intact: RFC 4180 quoting, CRLF line ends and a
 * UTF-8 BOM, which is what makes Excel read the file as UTF-8 instead of the system's code page.
 *
 * The one deliberate change to cell text (formula neutralisation): a string cell that begins with
 * `=`, `+`, `-`, `@`, TAB or CR gets a leading apostrophe `'`, so a notice titled
 * `=HYPERLINK("http://x","点我")` is shown as text, never evaluated (OWASP "CSV injection").
 * Besides, a lone UTF-16 surrogate (which no UTF-8 file can hold) is written as U+FFFD, as the
 * browser's Blob would do anyway.
 */

export type CsvCell = string | number | null | undefined;

export interface CsvOptions {
  /** Start with U+FEFF; default true (Excel needs it to read UTF-8). */
  readonly bom?: boolean;
  /** Approximate size of each chunk csvChunks yields, in UTF-16 code units; default 64 Ki. */
  readonly chunkSize?: number;
}

export const CSV_BOM = '\uFEFF';
export const CSV_EOL = '\r\n';

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** One cell, neutralised and quoted as needed. null/undefined are empty; numbers are written as-is. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value.replace(LONE_SURROGATE, '\uFFFD');
  if (FORMULA_START.has(text.charAt(0))) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record without its line end. */
export function csvRow(cells: readonly CsvCell[]): string {
  return cells.map(csvCell).join(',');
}

/**
 * The whole file as chunks of roughly `chunkSize` characters, for a UI that writes them to a Blob
 * without holding one large string; every record ends with CRLF.
 */
export function* csvChunks(
  rows: Iterable<readonly CsvCell[]>,
  options: CsvOptions = {},
): Generator<string, void, undefined> {
  const chunkSize = options.chunkSize ?? 64 * 1024;
  let chunk = options.bom === false ? '' : CSV_BOM;
  for (const row of rows) {
    chunk += csvRow(row) + CSV_EOL;
    if (chunk.length >= chunkSize) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

/** The whole file as one string. */
export function toCsv(rows: Iterable<readonly CsvCell[]>, options: CsvOptions = {}): string {
  let out = '';
  for (const chunk of csvChunks(rows, options)) out += chunk;
  return out;
}

/**
 * The metadata block a disclosure page puts above a notice. Two layouts are read:
 * - Shanghai's: one label per line, its value on the same line or on the next (`发文字号:` ⏎ `沪崇民〔2020〕10号`);
 * - gov.cn's: a table copied as tab-separated rows of label/value pairs (`索引号：⇥…⇥主题分类：⇥…`).
 * Colons may be ASCII or full-width, labels may be spaced (`标  题`, `索 引 号`), values may be empty.
 */
import { looksLikeDate } from './dates';
import { looksLikeDocNumber } from './docnumber';
import { isBlank, trimSpan, type Line } from './lines';
import { markerOf } from './sections';
import type { HeaderField, HeaderKey, Span } from './types';

const KNOWN_LABELS: ReadonlyMap<string, Exclude<HeaderKey, 'other'>> = new Map([
  ['索引号', 'indexNo'],
  ['信息索引号', 'indexNo'],
  ['主题分类', 'topic'],
  ['公开主体', 'issuer'],
  ['发布机构', 'issuer'],
  ['发文机关', 'issuer'],
  ['发文单位', 'issuer'],
  ['发文字号', 'docNumber'],
  ['文号', 'docNumber'],
  ['成文日期', 'writtenDate'],
  ['发布日期', 'publishDate'],
  ['发文日期', 'publishDate'],
  ['发布时间', 'publishDate'],
  ['成文时间', 'writtenDate'],
  ['实施日期', 'effectiveDate'],
  ['施行日期', 'effectiveDate'],
  ['生效日期', 'effectiveDate'],
  ['失效日期', 'expiryDate'],
  ['废止日期', 'expiryDate'],
  ['标题', 'title'],
]);

/** Labels of fields the desk keeps as 'other', known to stand in headers even when empty. */
const OTHER_LABELS: ReadonlySet<string> = new Set([
  '主题词',
  '体裁分类',
  '公文种类',
  '文种',
  '有效性',
  '时效',
  '组配分类',
  '服务对象',
  '来源',
  '信息来源',
  '公开方式',
  '公开范围',
  '公开时限',
  '分类',
]);

/** What a page writes for "no such date": kept as a value, read as no date. */
const NO_VALUE = /^(无|暂无|长期|长期有效|永久|永久有效|[-—–/／]+)$/u;

interface LabelCell {
  readonly label: string;
  readonly labelSpan: Span;
  readonly key: HeaderKey;
  /** The value written in the same cell, null when the cell ends at the colon. */
  readonly valueSpan: Span | null;
}

interface Cell {
  readonly span: Span;
}

/** A cell that starts with `label:`; the label is 2–8 Han characters, spaces allowed between them. */
function labelCell(text: string, span: Span): LabelCell | null {
  const limit = Math.min(span.end, span.start + 24);
  let colon = -1;
  for (let i = span.start; i < limit; i++) {
    const ch = text.charAt(i);
    if (ch === ':' || ch === '：') {
      colon = i;
      break;
    }
  }
  if (colon < 0) return null;
  const labelSpan = trimSpan(text, span.start, colon);
  const written = text.slice(labelSpan.start, labelSpan.end);
  const label = written.replace(/[ \u3000]+/gu, '');
  if (!/^\p{Script=Han}{2,8}$/u.test(label)) return null;
  const value = trimSpan(text, colon + 1, span.end);
  return {
    label,
    labelSpan,
    key: KNOWN_LABELS.get(label) ?? 'other',
    valueSpan: value.end > value.start ? value : null,
  };
}

/**
 * The cells of a line: split at tabs, and at runs of two or more spaces that are followed by another
 * `label:` (tables pasted with spaces instead of tabs).
 */
function cellsOf(text: string, line: Line): Cell[] {
  const cells: Cell[] = [];
  let from = line.span.start;
  // Only a cell that already holds `label:` can end at a run of spaces (`标  题：` is one label).
  let hasColon = false;
  const push = (end: number): void => {
    const span = trimSpan(text, from, end);
    if (span.end > span.start) cells.push({ span });
    hasColon = false;
  };
  for (let i = line.span.start; i < line.span.end; i++) {
    const ch = text.charAt(i);
    if (ch === '\t') {
      push(i);
      from = i + 1;
    } else if (ch === ':' || ch === '：') {
      hasColon = true;
    } else if (hasColon && (ch === ' ' || ch === '\u3000') && isBlank(text.charAt(i + 1))) {
      let j = i;
      while (j < line.span.end && isBlank(text.charAt(j)) && text.charAt(j) !== '\t') j++;
      if (j < line.span.end && labelCell(text, { start: j, end: line.span.end })) {
        push(i);
        from = j;
      }
      i = j - 1;
    }
  }
  push(line.span.end);
  return cells;
}

/** Whether a line written under a label-only line can be that label's value. */
function isValueFor(key: HeaderKey, value: string): boolean {
  // A work point (一、…) is the body already: the label above it was an addressee (示范省人民政府：).
  if (value === '' || /[:：]$/u.test(value) || markerOf(value) !== null) return false;
  if (NO_VALUE.test(value)) return true;
  switch (key) {
    case 'writtenDate':
    case 'publishDate':
    case 'effectiveDate':
    case 'expiryDate':
      return looksLikeDate(value);
    case 'indexNo':
      return /^[\w\-/.（）()]{2,60}$/u.test(value);
    case 'docNumber':
      return looksLikeDocNumber(value);
    case 'title':
      return value.length <= 150 && !/[。；]$/u.test(value);
    case 'topic':
    case 'issuer':
    case 'other':
      return value.length <= 60 && !/[。；，,]/u.test(value);
  }
}

export interface ParsedHeader {
  readonly fields: HeaderField[];
  readonly span: Span;
  /** Index of the first line after the header. */
  readonly next: number;
}

/**
 * Whether the line opens a header: it starts with a `label:` and one of its labels is known
 * (`来源：…  发布时间：…` under a news-style title counts; `各区县：` alone does not).
 */
export function startsHeader(text: string, line: Line): boolean {
  const cells = cellsOf(text, line).map((c) => labelCell(text, c.span));
  return cells[0] !== null && cells.some((c) => c !== null && c !== undefined && c.key !== 'other');
}

/** Reads the header that starts at `lines[from]` (which must satisfy startsHeader). */
export function parseHeader(text: string, lines: readonly Line[], from: number): ParsedHeader {
  const fields: HeaderField[] = [];
  let pending = null as LabelCell | null;
  let table = false;
  let i = from;
  let end = lines[from]?.span.end ?? 0;
  const flushEmpty = (): void => {
    if (pending) fields.push(field(text, pending, null));
    pending = null;
  };
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (!line) break;
    const cells = cellsOf(text, line);
    const labels = cells.map((c) => labelCell(text, c.span));
    const first = labels[0];
    if (first) {
      if (
        cells.length === 1 &&
        first.key === 'other' &&
        !OTHER_LABELS.has(first.label) &&
        first.valueSpan === null &&
        !nextIsValueOrLabel(text, lines[i + 1], first.key)
      ) {
        // A lone unknown `xx：` with nothing under it is an addressee (各区县：), not metadata.
        break;
      }
      flushEmpty();
      cells.forEach((cell, k) => {
        const lc = labels[k];
        if (lc) {
          flushEmpty();
          if (lc.valueSpan) fields.push(field(text, lc, lc.valueSpan));
          else pending = lc;
        } else if (pending) {
          fields.push(field(text, pending, cell.span));
          pending = null;
        }
      });
      // In a table (gov.cn) a label's value is in its row; the next line is not it.
      table ||= cells.length > 1;
      if (table) flushEmpty();
      end = line.span.end;
      continue;
    }
    if (
      pending &&
      cells.length === 1 &&
      (isValueFor(pending.key, line.text) || isValueBetweenLabels(text, line, lines[i + 1]))
    ) {
      fields.push(field(text, pending, line.span));
      pending = null;
      end = line.span.end;
      continue;
    }
    break;
  }
  flushEmpty();
  const start = lines[from]?.span.start ?? 0;
  return { fields, span: { start, end }, next: i };
}

/** A label that stands in headers: one the desk knows, or one of the usual 'other' ones. */
function isHeaderLabel(cell: LabelCell | null): boolean {
  return cell !== null && (cell.key !== 'other' || OTHER_LABELS.has(cell.label));
}

/**
 * A line with a label line both above and below is a value whatever it looks like (an index number
 * with Han in it, a date written oddly): inside the block there is nothing else it could be. The
 * line below must be a header label: `示范省人民政府：` under the header is the addressee.
 */
function isValueBetweenLabels(text: string, line: Line, next: Line | undefined): boolean {
  if (!next || line.text.length > 100 || /[:：]$/u.test(line.text)) return false;
  const first = cellsOf(text, next)[0];
  return first !== undefined && isHeaderLabel(labelCell(text, first.span));
}

function nextIsValueOrLabel(text: string, next: Line | undefined, key: HeaderKey): boolean {
  if (!next) return false;
  const first = cellsOf(text, next)[0];
  if (first && labelCell(text, first.span)) return true;
  return isValueFor(key, next.text);
}

function field(text: string, cell: LabelCell, valueSpan: Span | null): HeaderField {
  return {
    key: cell.key,
    label: cell.label,
    value: valueSpan ? text.slice(valueSpan.start, valueSpan.end) : '',
    labelSpan: cell.labelSpan,
    valueSpan,
  };
}

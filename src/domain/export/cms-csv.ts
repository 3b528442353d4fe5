/**
 * Reading a labelled history exported from a CMS (内容管理系统) as CSV, to train the local model on
 * notices the office already classified.
 */
import Papa from 'papaparse';
import { message, type Message } from '../message';

/**
 * Reads a CSV export with papaparse (RFC 4180: quoted fields with doubled quotes and embedded line
 * ends; CRLF, LF or CR records; a leading BOM). Blank lines are skipped. A TAB-separated export
 * (header line with TABs, no commas) is read with TAB as the delimiter.
 */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/[\r\n]|$/));
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  return Papa.parse<string[]>(text, { delimiter, skipEmptyLines: true }).data;
}

type CmsField = 'title' | 'body' | 'label' | 'issuer' | 'docNumber' | 'writtenDate' | 'indexNo';

/** Column names seen in CMS exports, folded to lower case without spaces. */
const COLUMN_NAMES = new Map<string, CmsField>([
  ['标题', 'title'],
  ['题名', 'title'],
  ['文件名称', 'title'],
  ['title', 'title'],
  ['正文', 'body'],
  ['内容', 'body'],
  ['全文', 'body'],
  ['text', 'body'],
  ['content', 'body'],
  ['body', 'body'],
  ['主题分类', 'label'],
  ['分类', 'label'],
  ['主题', 'label'],
  ['label', 'label'],
  ['topic', 'label'],
  ['发布机构', 'issuer'],
  ['公开主体', 'issuer'],
  ['发文机关', 'issuer'],
  ['发文单位', 'issuer'],
  ['issuer', 'issuer'],
  ['发文字号', 'docNumber'],
  ['文号', 'docNumber'],
  ['成文日期', 'writtenDate'],
  ['成文时间', 'writtenDate'],
  ['索引号', 'indexNo'],
]);

/** How a rebuilt header names each metadata field: the labels the notice parser reads. */
const HEADER_LABELS: readonly (readonly [CmsField, string])[] = [
  ['indexNo', '索引号'],
  ['issuer', '公开主体'],
  ['docNumber', '发文字号'],
  ['writtenDate', '成文日期'],
];

export interface CmsNotice {
  /** Row of the spreadsheet (the header is row 1). */
  readonly row: number;
  /** A header block rebuilt from the metadata columns, the title, then the body. */
  readonly text: string;
  /** 主题分类 as written in the CMS; the caller normalises it onto the taxonomy. */
  readonly labelRaw: string;
}

export interface CmsImport {
  readonly notices: CmsNotice[];
  readonly errors: { readonly row: number; readonly reason: Message }[];
}

/**
 * Maps a CMS export (first row = column names) to notices with their labels. Missing required
 * columns (a label, and a title or body) are reported once and nothing is imported; rows without a
 * label or without any text are reported and skipped.
 * The label is NOT written into the rebuilt header: it travels in labelRaw, never in the text.
 */
export function cmsRowsToNotices(rows: readonly (readonly string[])[]): CmsImport {
  const [header, ...data] = rows;
  if (header === undefined)
    return { notices: [], errors: [{ row: 1, reason: message('csvEmpty') }] };
  const columns = new Map<CmsField, number>();
  header.forEach((name, index) => {
    const field = COLUMN_NAMES.get(name.replace(/[\s\uFEFF]/g, '').toLowerCase());
    if (field !== undefined && !columns.has(field)) columns.set(field, index);
  });
  const missing: Message[] = [];
  if (!columns.has('label')) missing.push(message('csvMissingLabel'));
  if (!columns.has('title') && !columns.has('body')) missing.push(message('csvMissingText'));
  if (missing.length > 0)
    return { notices: [], errors: missing.map((reason) => ({ row: 1, reason })) };
  const notices: CmsNotice[] = [];
  const errors: CmsImport['errors'] = [];
  data.forEach((cells, i) => {
    const row = i + 2;
    const get = (field: CmsField): string => {
      const index = columns.get(field);
      return index === undefined ? '' : (cells[index] ?? '').trim();
    };
    const labelRaw = get('label');
    const title = get('title');
    const body = get('body');
    if (labelRaw === '') {
      errors.push({ row, reason: message('csvRowNoLabel') });
      return;
    }
    if (title === '' && body === '') {
      errors.push({ row, reason: message('csvRowNoText') });
      return;
    }
    const headerLines = HEADER_LABELS.filter(([field]) => get(field) !== '').map(
      ([field, label]) => `${label}：\t${get(field)}`,
    );
    const content = title !== '' && !body.startsWith(title) ? [title, body] : [body];
    const text = [...headerLines, ...content.filter((part) => part !== '')].join('\n');
    notices.push({ row, text, labelRaw });
  });
  return { notices, errors };
}

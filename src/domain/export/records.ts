/**
 * The CSV a clerk hands on: one row per notice with its metadata, the suggestion and the decision.
 * Columns are named in Chinese, as the catalogue's own exports are.
 */
import { noticeStatus, STATUS_LABELS, type NoticeRecord } from '../desk/record';
import { formatTopic, type PathSeparator } from '../taxonomy/taxonomy';
import { csvChunks, type CsvCell, type CsvOptions } from './csv';
import { LOCAL_ZONE, localTimeOf, type UtcOffset } from './time';

export const NOTICE_CSV_HEADER = [
  '标题',
  '公开主体',
  '发文字号',
  '索引号',
  '成文日期',
  '发布日期',
  '生效日期',
  '失效日期',
  '原标注',
  '建议分类',
  '建议置信度',
  '最终一级分类',
  '最终二级分类',
  '最终主题分类',
  '状态',
  '决定时间',
  '来源',
] as const;

export interface NoticeCsvOptions {
  /** How the two levels of a path are joined; default `-`, as the sample notices write it. */
  readonly separator?: PathSeparator;
  /**
   * The UTC offset 决定时间 is written in (`2026-12-01T09:30:00+08:00`): minutes east of UTC (480
   * for China), or a function of the instant for zones with summer time. Default: the runtime's
   * own zone, which in the browser is the clerk's.
   */
  readonly utcOffset?: UtcOffset;
  /**
   * Record ids in the order the rows must follow (the queue's current sort and filter). Records
   * it does not list follow in the order given, so none is ever left out; ids of records not given
   * are ignored. Default: the order the records are given in.
   */
  readonly order?: readonly string[];
}

const SOURCE_LABELS: Readonly<Record<NoticeRecord['source']['kind'], string>> = {
  paste: '粘贴',
  file: '文件',
  import: '导入',
};

/**
 * A score as a percentage with one decimal (`87.3%`): what the clerk saw on screen, and Excel reads
 * it as the number 0.873 formatted as a percentage, so it still sorts and filters as a number.
 */
export function formatScore(score: number): string {
  return `${(score * 100).toFixed(1)}%`;
}

function noticeRow(record: NoticeRecord, separator: PathSeparator, offset: UtcOffset): CsvCell[] {
  const { meta, decision } = record;
  const top = record.suggestions?.[0] ?? null;
  // 原标注: on the taxonomy it is written like the other paths; an unknown label is kept as written.
  const original =
    record.originalTopic !== null ? formatTopic(record.originalTopic, separator) : meta.topicRaw;
  const source =
    record.source.name === null
      ? SOURCE_LABELS[record.source.kind]
      : `${SOURCE_LABELS[record.source.kind]}：${record.source.name}`;
  return [
    meta.title,
    meta.issuer,
    meta.docNumber,
    meta.indexNo,
    meta.writtenDate,
    meta.publishDate,
    meta.effectiveDate,
    meta.expiryDate,
    original,
    top === null ? null : formatTopic(top.path, separator),
    top === null ? null : formatScore(top.score),
    decision?.path.label1,
    decision?.path.label2,
    decision === null ? null : formatTopic(decision.path, separator),
    STATUS_LABELS[noticeStatus(record)],
    decision ? localTimeOf(decision.decidedAt, offset) : undefined,
    source,
  ];
}

/** The records in `order` (ids), then those it does not list, in the order given. */
export function inOrder(records: Iterable<NoticeRecord>, order: readonly string[]): NoticeRecord[] {
  const byId = new Map<string, NoticeRecord>();
  for (const r of records) byId.set(r.id, r);
  const out: NoticeRecord[] = [];
  for (const id of order) {
    const r = byId.get(id);
    if (r === undefined) continue;
    out.push(r);
    byId.delete(id);
  }
  out.push(...byId.values());
  return out;
}

/** The header row, then one row per notice, produced lazily. */
export function* noticeCsvRows(
  records: Iterable<NoticeRecord>,
  options: NoticeCsvOptions = {},
): Generator<CsvCell[], void, undefined> {
  const separator = options.separator ?? '-';
  const offset = options.utcOffset ?? LOCAL_ZONE;
  yield [...NOTICE_CSV_HEADER];
  const rows = options.order ? inOrder(records, options.order) : records;
  for (const record of rows) yield noticeRow(record, separator, offset);
}

export function recordsToCsvRows(
  records: Iterable<NoticeRecord>,
  options: NoticeCsvOptions = {},
): CsvCell[][] {
  return [...noticeCsvRows(records, options)];
}

/** The export file in chunks (BOM, CRLF, neutralised cells) for the UI to write to a Blob. */
export function noticeCsvChunks(
  records: Iterable<NoticeRecord>,
  options: NoticeCsvOptions & CsvOptions = {},
): Generator<string, void, undefined> {
  return csvChunks(noticeCsvRows(records, options), options);
}

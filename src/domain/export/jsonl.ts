/**
 * The lossless export: JSON Lines, a header line then one NoticeRecord per line, so the desk can be
 * restored on another machine (or after clearing the browser) exactly as it was.
 */
import type { NoticeRecord } from '../desk/record';

export const DESK_FORMAT = 'notice-topic-desk';
export const DESK_FORMAT_VERSION = 1;

export interface DeskJsonlHeader {
  readonly format: typeof DESK_FORMAT;
  readonly version: number;
  /** ISO timestamp. */
  readonly exportedAt: string;
  /** How many record lines follow, so a truncated file is noticed on import. */
  readonly count: number;
}

export interface JsonlError {
  /** 1-based line of the file. */
  readonly line: number;
  /** Chinese. */
  readonly reason: string;
}

export interface DeskJsonlImport {
  readonly records: NoticeRecord[];
  readonly errors: JsonlError[];
}

/** The file in chunks of about `chunkSize` characters, each ending at a line end. */
export function* deskJsonlChunks(
  records: readonly NoticeRecord[],
  exportedAt: string,
  chunkSize = 64 * 1024,
): Generator<string, void, undefined> {
  const header: DeskJsonlHeader = {
    format: DESK_FORMAT,
    version: DESK_FORMAT_VERSION,
    exportedAt,
    count: records.length,
  };
  let chunk = JSON.stringify(header) + '\n';
  for (const record of records) {
    chunk += JSON.stringify(record) + '\n';
    if (chunk.length >= chunkSize) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

export function toDeskJsonl(records: readonly NoticeRecord[], exportedAt: string): string {
  let out = '';
  for (const chunk of deskJsonlChunks(records, exportedAt)) out += chunk;
  return out;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringOrNull(value: unknown): value is string | null {
  return value === null || typeof value === 'string';
}

const META_FIELDS = [
  'title',
  'issuer',
  'docNumber',
  'indexNo',
  'topicRaw',
  'writtenDate',
  'publishDate',
  'effectiveDate',
  'expiryDate',
] as const;

/** Why a value is not a topic path, or null when it is one. */
function topicPathProblem(value: unknown, field: string): string | null {
  if (!isObject(value) || typeof value.label1 !== 'string' || value.label1 === '')
    return `${field} 缺少一级分类（label1）`;
  if (!isStringOrNull(value.label2)) return `${field} 的二级分类（label2）应为文字或 null`;
  return null;
}

/** Why a parsed line is not a NoticeRecord, or null when it is one. */
function recordProblem(value: unknown): string | null {
  if (!isObject(value)) return '不是一个记录对象';
  if (typeof value.id !== 'string' || value.id === '') return '缺少记录编号（id）';
  const source = value.source;
  if (
    !isObject(source) ||
    !(source.kind === 'paste' || source.kind === 'file' || source.kind === 'import') ||
    !isStringOrNull(source.name)
  )
    return '来源（source）格式不正确';
  if (typeof value.addedAt !== 'string') return '缺少添加时间（addedAt）';
  if (typeof value.text !== 'string') return '缺少正文（text）';
  const meta = value.meta;
  if (!isObject(meta)) return '缺少元数据（meta）';
  for (const field of META_FIELDS) {
    if (!isStringOrNull(meta[field])) return `元数据 ${field} 应为文字或 null`;
  }
  if (value.originalTopic !== null) {
    const problem = topicPathProblem(value.originalTopic, '原标注（originalTopic）');
    if (problem !== null) return problem;
  }
  if (value.suggestions !== null) {
    if (!Array.isArray(value.suggestions)) return '建议（suggestions）应为列表或 null';
    for (const s of value.suggestions as unknown[]) {
      if (!isObject(s)) return '建议（suggestions）中有无效项';
      const problem = topicPathProblem(s.path, '建议分类');
      if (problem !== null) return problem;
      if (typeof s.score !== 'number' || !(s.score >= 0 && s.score <= 1))
        return '建议置信度（score）应为 0 到 1 之间的数';
    }
  }
  if (value.decision !== null) {
    const d = value.decision;
    if (!isObject(d)) return '决定（decision）格式不正确';
    const problem = topicPathProblem(d.path, '最终分类');
    if (problem !== null) return problem;
    if (d.status !== 'confirmed' && d.status !== 'overridden')
      return '决定状态（status）应为 confirmed 或 overridden';
    if (typeof d.decidedAt !== 'string') return '缺少决定时间（decidedAt）';
  }
  if (typeof value.rev !== 'number' || !Number.isInteger(value.rev) || value.rev < 0)
    return '版本号（rev）应为非负整数';
  return null;
}

function parseJson(line: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(line) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * Reads a file written by toDeskJsonl. Bad lines are reported and skipped, the rest imported.
 * WARNING: a file from a newer format version is refused as a whole (no records): reading it with
 * today's rules could silently drop what the newer version added.
 */
export function parseDeskJsonl(text: string): DeskJsonlImport {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const records: NoticeRecord[] = [];
  const errors: JsonlError[] = [];
  const seen = new Set<string>();
  let header: DeskJsonlHeader | null = null;

  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    const lineNo = i + 1;
    if (line === '') continue;
    const parsed = parseJson(line);
    if (header === null) {
      const h = parsed.ok ? parsed.value : null;
      if (!isObject(h) || h.format !== DESK_FORMAT) {
        return {
          records: [],
          errors: [{ line: lineNo, reason: '不是公文主题标注台导出的 JSONL 文件（缺少文件头）' }],
        };
      }
      if (typeof h.version !== 'number' || !Number.isInteger(h.version) || h.version < 1) {
        return { records: [], errors: [{ line: lineNo, reason: '文件头的格式版本无效' }] };
      }
      if (h.version > DESK_FORMAT_VERSION) {
        return {
          records: [],
          errors: [
            {
              line: lineNo,
              reason: `该文件由更新版本的标注台导出（格式版本 ${h.version}，当前支持 ${DESK_FORMAT_VERSION}），请升级后再导入`,
            },
          ],
        };
      }
      header = {
        format: DESK_FORMAT,
        version: h.version,
        exportedAt: typeof h.exportedAt === 'string' ? h.exportedAt : '',
        count: typeof h.count === 'number' ? h.count : -1,
      };
      continue;
    }
    if (!parsed.ok) {
      errors.push({ line: lineNo, reason: `第 ${lineNo} 行不是有效的 JSON` });
      continue;
    }
    const problem = recordProblem(parsed.value);
    if (problem !== null) {
      errors.push({ line: lineNo, reason: `第 ${lineNo} 行：${problem}` });
      continue;
    }
    const record = parsed.value as NoticeRecord;
    if (seen.has(record.id)) {
      errors.push({ line: lineNo, reason: `第 ${lineNo} 行：记录 ${record.id} 重复，已跳过` });
      continue;
    }
    seen.add(record.id);
    records.push(record);
  }
  if (header === null) {
    return { records: [], errors: [{ line: 1, reason: '文件是空的，没有可导入的记录' }] };
  }
  const read = records.length + errors.length;
  if (header.count >= 0 && read < header.count) {
    errors.push({
      line: lines.length,
      reason: `文件不完整：文件头记录 ${header.count} 条，只读到 ${read} 条`,
    });
  }
  return { records, errors };
}

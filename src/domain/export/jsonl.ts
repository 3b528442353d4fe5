/**
 * The lossless export: JSON Lines, a header line then one NoticeRecord per line, so the desk can be
 * restored on another machine (or after clearing the browser) exactly as it was.
 */
import { message, type Message } from '../message';
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
  readonly reason: Message;
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

/** Why a value is not a topic path (the field that is wrong), or null when it is one. */
function topicPathProblem(value: unknown, field: string): string | null {
  if (!isObject(value) || typeof value.label1 !== 'string' || value.label1 === '')
    return `${field}.label1`;
  if (!isStringOrNull(value.label2)) return `${field}.label2`;
  return null;
}

/** The field of a parsed line that is missing or malformed, or null when it is a NoticeRecord. */
function recordProblem(value: unknown): string | null {
  if (!isObject(value)) return '{}';
  if (typeof value.id !== 'string' || value.id === '') return 'id';
  const source = value.source;
  if (
    !isObject(source) ||
    !(source.kind === 'paste' || source.kind === 'file' || source.kind === 'import') ||
    !isStringOrNull(source.name)
  )
    return 'source';
  if (typeof value.addedAt !== 'string') return 'addedAt';
  if (typeof value.text !== 'string') return 'text';
  const meta = value.meta;
  if (!isObject(meta)) return 'meta';
  for (const field of META_FIELDS) {
    if (!isStringOrNull(meta[field])) return `meta.${field}`;
  }
  if (value.originalTopic !== null) {
    const problem = topicPathProblem(value.originalTopic, 'originalTopic');
    if (problem !== null) return problem;
  }
  if (value.suggestions !== null) {
    if (!Array.isArray(value.suggestions)) return 'suggestions';
    for (const s of value.suggestions as unknown[]) {
      if (!isObject(s)) return 'suggestions';
      const problem = topicPathProblem(s.path, 'suggestions.path');
      if (problem !== null) return problem;
      if (typeof s.score !== 'number' || !(s.score >= 0 && s.score <= 1))
        return 'suggestions.score';
    }
  }
  if (value.decision !== null) {
    const d = value.decision;
    if (!isObject(d)) return 'decision';
    const problem = topicPathProblem(d.path, 'decision.path');
    if (problem !== null) return problem;
    if (d.status !== 'confirmed' && d.status !== 'overridden') return 'decision.status';
    if (typeof d.decidedAt !== 'string') return 'decision.decidedAt';
  }
  if (typeof value.rev !== 'number' || !Number.isInteger(value.rev) || value.rev < 0) return 'rev';
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
          errors: [{ line: lineNo, reason: message('jsonlNotDesk') }],
        };
      }
      if (typeof h.version !== 'number' || !Number.isInteger(h.version) || h.version < 1) {
        return { records: [], errors: [{ line: lineNo, reason: message('jsonlBadVersion') }] };
      }
      if (h.version > DESK_FORMAT_VERSION) {
        return {
          records: [],
          errors: [
            {
              line: lineNo,
              reason: message('jsonlNewer', {
                version: h.version,
                supported: DESK_FORMAT_VERSION,
              }),
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
      errors.push({ line: lineNo, reason: message('jsonlBadJson') });
      continue;
    }
    const problem = recordProblem(parsed.value);
    if (problem !== null) {
      errors.push({ line: lineNo, reason: message('jsonlBadField', { field: problem }) });
      continue;
    }
    const record = parsed.value as NoticeRecord;
    if (seen.has(record.id)) {
      errors.push({ line: lineNo, reason: message('jsonlDuplicate', { id: record.id }) });
      continue;
    }
    seen.add(record.id);
    records.push(record);
  }
  if (header === null) {
    return { records: [], errors: [{ line: 1, reason: message('jsonlEmpty') }] };
  }
  const read = records.length + errors.length;
  if (header.count >= 0 && read < header.count) {
    errors.push({
      line: lines.length,
      reason: message('jsonlIncomplete', { expected: header.count, read }),
    });
  }
  return { records, errors };
}

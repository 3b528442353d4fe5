/**
 * Uploaded files as notices for the shared queue, with the desk's own intake (src/domain): notice
 * files (.txt/.html in any of the encodings the desk reads, .docx), a CMS export (.csv) and JSONL
 * (the desk's export, or labelled lines). A catalogue's label comes along as the notice's 原标注.
 */
import { decodeImportFile, decodeNoticeFile, extensionOf } from '../../src/domain/intake/decode';
import { historyFromCsv, historyFromJsonl } from '../../src/domain/learning';
import type { NoticeRecord } from '../../src/domain/desk/record';
import { readDocxText } from '../../src/domain/intake/docx';
import { message, type Message } from '../../src/domain/message';
import { translate } from '../../src/domain/messages';

export interface IntakeItem {
  readonly text: string;
  readonly source: NoticeRecord['source'];
  /** 主题分类 as the catalogue wrote it (CSV column, JSONL label); null: the header's, if any. */
  readonly labelRaw: string | null;
}

export interface IntakeError {
  readonly source: string;
  readonly reason: string;
}

export interface IntakeRead {
  readonly items: IntakeItem[];
  readonly errors: IntakeError[];
}

const NOTICE_EXTENSIONS = new Set(['txt', 'text', 'htm', 'html']);
const CSV_EXTENSIONS = new Set(['csv', 'tsv']);
const JSONL_EXTENSIONS = new Set(['jsonl', 'json']);

export async function readUpload(fileName: string, bytes: Uint8Array): Promise<IntakeRead> {
  const ext = extensionOf(fileName);
  const failed = (reason: Message): IntakeRead => ({
    items: [],
    errors: [{ source: fileName, reason: translate('zh', reason) }],
  });
  if (ext === 'docx') {
    const docx = readDocxText(bytes, fileName);
    return docx.ok
      ? {
          items: [{ text: docx.text, source: { kind: 'file', name: fileName }, labelRaw: null }],
          errors: [],
        }
      : failed(docx.reason);
  }
  if (NOTICE_EXTENSIONS.has(ext)) {
    const decoded = decodeNoticeFile(bytes, fileName);
    return decoded.ok
      ? {
          items: [{ text: decoded.text, source: { kind: 'file', name: fileName }, labelRaw: null }],
          errors: [],
        }
      : failed(decoded.reason);
  }
  if (CSV_EXTENSIONS.has(ext) || JSONL_EXTENSIONS.has(ext)) {
    const decoded = decodeImportFile(bytes, fileName);
    if (!decoded.ok) return failed(decoded.reason);
    const read = CSV_EXTENSIONS.has(ext)
      ? historyFromCsv(decoded.text, fileName)
      : historyFromJsonl(decoded.text, fileName);
    return {
      items: read.items.map((item) => ({
        text: item.text,
        source: { kind: 'import', name: item.origin },
        labelRaw: item.labelRaw,
      })),
      errors: read.errors.map((e) => ({ source: e.origin, reason: translate('zh', e.reason) })),
    };
  }
  return failed(message('fileNotUpload', { file: fileName }));
}

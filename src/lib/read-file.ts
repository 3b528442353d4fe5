/** Reads an uploaded file as text (a notice, or a CSV/JSONL to import); never throws. */
import { decodeImportFile, decodeNoticeFile } from '../domain/intake/decode';
import { detailOf, message, type Message } from '../domain/message';

export type FileText =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: Message };

type Bytes =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly reason: Message };

async function readBytes(file: File): Promise<Bytes> {
  try {
    return { ok: true, bytes: new Uint8Array(await file.arrayBuffer()) };
  } catch (e) {
    return {
      ok: false,
      reason: message('fileUnreadable', { file: file.name, detail: detailOf(e) }),
    };
  }
}

export async function readNoticeFile(file: File): Promise<FileText> {
  const read = await readBytes(file);
  if (!read.ok) return read;
  // Only .docx needs the zip and Word reader: loaded on the first one.
  const result = /\.docx$/i.test(file.name)
    ? await import('./docx').then((m) => m.extractDocxText(read.bytes, file.name))
    : decodeNoticeFile(read.bytes, file.name);
  return result.ok ? { ok: true, text: result.text } : { ok: false, reason: result.reason };
}

/** A CMS CSV or a desk JSONL, in whatever encoding Excel or the desk wrote it. */
export async function readImportFile(file: File): Promise<FileText> {
  const read = await readBytes(file);
  if (!read.ok) return read;
  const result = decodeImportFile(read.bytes, file.name);
  return result.ok ? { ok: true, text: result.text } : { ok: false, reason: result.reason };
}

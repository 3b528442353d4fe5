/** Reads an uploaded file as notice text, whatever its kind; never throws. */
import { decodeNoticeFile } from '../domain/intake/decode';

export type FileText =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

export async function readNoticeFile(file: File): Promise<FileText> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, reason: `文件“${file.name}”无法读取（${detail}）` };
  }
  // mammoth is most of the bundle's weight and only .docx needs it: loaded on the first one.
  const result = /\.docx$/i.test(file.name)
    ? await import('./docx').then((m) => m.extractDocxText(bytes, file.name))
    : decodeNoticeFile(bytes, file.name);
  return result.ok ? { ok: true, text: result.text } : { ok: false, reason: result.reason };
}

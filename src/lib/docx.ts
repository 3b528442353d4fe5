/**
 * The desk's .docx reader, loaded on the first .docx: the reading itself is the domain's
 * (src/domain/intake/docx.ts), shared with the team server.
 */
import { readDocxText, type DocxRefusal } from '../domain/intake/docx';

export type DocxResult =
  { readonly ok: true; readonly text: string; readonly kind: 'docx' } | DocxRefusal;

/** Extracts the text of a .docx, one line per paragraph. Never throws; failures come back as messages. */
export function extractDocxText(input: ArrayBuffer | Uint8Array, fileName: string): DocxResult {
  const read = readDocxText(input instanceof Uint8Array ? input : new Uint8Array(input), fileName);
  return read.ok ? { ...read, kind: 'docx' } : read;
}

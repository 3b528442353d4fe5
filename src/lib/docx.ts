/**
 * The adapter that reads a Word (.docx) notice as plain text, with mammoth; what the file must be,
 * and how its text becomes lines, is the domain's (src/domain/intake/docx.ts).
 * mammoth is CommonJS; both Vite (browser build) and Vitest (Node) give its module.exports as the
 * default import. Its browser build opens `{arrayBuffer}`, its Node build `{buffer}`, and both hand
 * the value to JSZip, which accepts an ArrayBuffer: so one input carrying both keys works everywhere.
 */
import mammoth from 'mammoth';
import { docxCorrupt, docxRawToText, refuseDocx, type DocxRefusal } from '../domain/intake';

export type DocxResult =
  { readonly ok: true; readonly text: string; readonly kind: 'docx' } | DocxRefusal;

type MammothInput = Parameters<typeof mammoth.extractRawText>[0];

/** Extracts the text of a .docx, one line per paragraph. Never throws; failures come back as messages. */
export async function extractDocxText(
  input: ArrayBuffer | Uint8Array,
  fileName: string,
): Promise<DocxResult> {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const refused = refuseDocx(bytes, fileName);
  if (refused) return refused;
  // A fresh ArrayBuffer holding exactly these bytes (a view may sit inside a larger buffer).
  const arrayBuffer = bytes.slice().buffer;
  // The typings name Node's Buffer for `buffer`; JSZip only needs an ArrayBuffer (see top comment).
  const mammothInput = { arrayBuffer, buffer: arrayBuffer } as unknown as MammothInput;
  let raw: string;
  try {
    raw = (await mammoth.extractRawText(mammothInput)).value;
  } catch {
    return docxCorrupt(fileName);
  }
  const read = docxRawToText(raw, fileName);
  return read.ok ? { ...read, kind: 'docx' } : read;
}

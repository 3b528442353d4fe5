/**
 * The adapter that reads a Word (.docx) notice as plain text, with mammoth.
 * mammoth is CommonJS; both Vite (browser build) and Vitest (Node) give its module.exports as the
 * default import. Its browser build opens `{arrayBuffer}`, its Node build `{buffer}`, and both hand
 * the value to JSZip, which accepts an ArrayBuffer: so one input carrying both keys works everywhere.
 */
import mammoth from 'mammoth';
import { message, type Message } from '../domain/message';

/** A .docx holding a long notice with a few images stays far below this; beyond it is not a notice. */
export const MAX_DOCX_BYTES = 20 * 1024 * 1024;

export type DocxResult =
  | { readonly ok: true; readonly text: string; readonly kind: 'docx' }
  | {
      readonly ok: false;
      /** Names the file. */
      readonly reason: Message;
      readonly code: 'docx-corrupt' | 'docx-encrypted' | 'doc-legacy' | 'empty' | 'too-large';
    };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** OLE compound file: what Word writes for a password-protected .docx, and for an old .doc. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.length <= bytes.length && magic.every((b, i) => bytes[i] === b);
}

/** An encrypted OOXML package is an OLE file with an `EncryptionInfo` stream (name in UTF-16LE). */
function hasEncryptionInfo(bytes: Uint8Array): boolean {
  const name = [...'EncryptionInfo'].flatMap((c) => [c.charCodeAt(0), 0]);
  outer: for (let i = 0; i + name.length <= bytes.length; i++) {
    for (let j = 0; j < name.length; j++) {
      if (bytes[i + j] !== name[j]) continue outer;
    }
    return true;
  }
  return false;
}

function sizeInMb(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

type MammothInput = Parameters<typeof mammoth.extractRawText>[0];

/**
 * Extracts the text of a .docx: one line per paragraph (mammoth separates them by a blank line,
 * which the notice parser does not expect). Never throws; failures come back as messages.
 */
export async function extractDocxText(
  input: ArrayBuffer | Uint8Array,
  fileName: string,
): Promise<DocxResult> {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.length === 0) {
    return { ok: false, code: 'empty', reason: message('fileEmpty', { file: fileName }) };
  }
  if (bytes.length > MAX_DOCX_BYTES) {
    return {
      ok: false,
      code: 'too-large',
      reason: message('docxTooLarge', {
        file: fileName,
        size: sizeInMb(bytes.length),
        limit: MAX_DOCX_BYTES / (1024 * 1024),
      }),
    };
  }
  if (startsWith(bytes, OLE_MAGIC)) {
    return hasEncryptionInfo(bytes)
      ? { ok: false, code: 'docx-encrypted', reason: message('docxEncrypted', { file: fileName }) }
      : { ok: false, code: 'doc-legacy', reason: message('docLegacy', { file: fileName }) };
  }
  const corrupt: DocxResult = {
    ok: false,
    code: 'docx-corrupt',
    reason: message('docxCorrupt', { file: fileName }),
  };
  if (!startsWith(bytes, ZIP_MAGIC)) return corrupt;

  // A fresh ArrayBuffer holding exactly these bytes (a view may sit inside a larger buffer).
  const arrayBuffer = bytes.slice().buffer;
  // The typings name Node's Buffer for `buffer`; JSZip only needs an ArrayBuffer (see top comment).
  const mammothInput = { arrayBuffer, buffer: arrayBuffer } as unknown as MammothInput;
  let raw: string;
  try {
    raw = (await mammoth.extractRawText(mammothInput)).value;
  } catch {
    return corrupt;
  }
  const text = raw
    .replace(/\r\n?/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
  if (text === '') {
    return { ok: false, code: 'empty', reason: message('docxNoText', { file: fileName }) };
  }
  return { ok: true, text, kind: 'docx' };
}

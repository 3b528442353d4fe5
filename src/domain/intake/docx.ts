/**
 * What a Word (.docx) file must be before mammoth opens it, and how its text becomes a notice's lines.
 * Both readers — the desk's (src/lib/docx.ts) and the team server's (server/notices/docx.ts) — run
 * mammoth themselves (its browser and Node builds differ) and share these rules, so a file is
 * refused the same way, with the same message, wherever it is uploaded.
 */
import { message, type Message } from '../message';

/** A .docx holding a long notice with a few images stays far below this; beyond it is not a notice. */
export const MAX_DOCX_BYTES = 20 * 1024 * 1024;

export type DocxRefusalCode =
  'docx-corrupt' | 'docx-encrypted' | 'doc-legacy' | 'empty' | 'too-large';

export interface DocxRefusal {
  readonly ok: false;
  /** Names the file. */
  readonly reason: Message;
  readonly code: DocxRefusalCode;
}

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

export function docxCorrupt(fileName: string): DocxRefusal {
  return { ok: false, code: 'docx-corrupt', reason: message('docxCorrupt', { file: fileName }) };
}

/** Why these bytes cannot be a readable .docx, or null when mammoth may open them. */
export function refuseDocx(bytes: Uint8Array, fileName: string): DocxRefusal | null {
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
  return startsWith(bytes, ZIP_MAGIC) ? null : docxCorrupt(fileName);
}

/**
 * mammoth's raw text as the notice's lines: it separates paragraphs by a blank line, which the
 * notice parser does not expect. A document with no text is refused.
 */
export function docxRawToText(
  raw: string,
  fileName: string,
): { readonly ok: true; readonly text: string } | DocxRefusal {
  const text = raw
    .replace(/\r\n?/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
  return text === ''
    ? { ok: false, code: 'empty', reason: message('docxNoText', { file: fileName }) }
    : { ok: true, text };
}

/**
 * The adapter that reads a Word (.docx) notice as plain text: the zip's entries and the document's
 * text are found by the domain (src/domain/intake/docx-text.ts), the entries inflated here with the
 * platform's DecompressionStream (browsers and Node alike), so no zip or Word library is shipped.
 */
import {
  documentXmlText,
  mainDocumentName,
  zipEntries,
  type ZipEntry,
} from '../domain/intake/docx-text';
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

async function entryText(bytes: Uint8Array, entry: ZipEntry): Promise<string> {
  const raw = bytes.subarray(entry.start, entry.start + entry.size);
  if (entry.method === 0) return new TextDecoder().decode(raw);
  if (entry.method !== 8) throw new Error(`zip method ${entry.method}`);
  const inflated = new Blob([raw.slice()])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(inflated).text();
}

/** The text of the package's main document; throws when the package is not a readable .docx. */
async function readDocx(bytes: Uint8Array): Promise<string> {
  const entries = zipEntries(bytes);
  if (!entries) throw new Error('not a zip');
  const rels = entries.get('_rels/.rels');
  const main = entries.get(mainDocumentName(rels ? await entryText(bytes, rels) : null));
  if (!main) throw new Error('no Word body');
  return documentXmlText(await entryText(bytes, main));
}

/** Extracts the text of a .docx: one line per paragraph. Never throws; failures come back as messages. */
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

  let raw: string;
  try {
    raw = await readDocx(bytes);
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

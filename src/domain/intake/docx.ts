/**
 * A Word (.docx) notice as text, for the desk (loaded on the first .docx) and the team server alike,
 * so a file reads, and is refused, the same way wherever it is uploaded. fflate opens the zip (a few
 * KiB, where a Word library weighs ~100 KiB gzip); the WordprocessingML is read here, one line per
 * paragraph: a notice needs its text, not its formatting.
 */
import { unzipSync } from 'fflate';
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

function docxCorrupt(fileName: string): DocxRefusal {
  return { ok: false, code: 'docx-corrupt', reason: message('docxCorrupt', { file: fileName }) };
}

/** Why these bytes cannot be a readable .docx, or null when they may be opened. */
function refuseDocx(bytes: Uint8Array, fileName: string): DocxRefusal | null {
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

/** Where the package's main document is (its officeDocument relationship), as a zip entry name. */
export function mainDocumentName(packageRels: string | null): string {
  const target = packageRels
    ?.match(/<Relationship\b[^>]*\/officeDocument"[^>]*>/)?.[0]
    .match(/\bTarget="([^"]+)"/)?.[1];
  return target ? target.replace(/^\//, '') : 'word/document.xml';
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? all;
  });
}

/**
 * The text of a WordprocessingML document: a line per paragraph (table cells included), tabs and
 * line breaks inside a paragraph kept. Paragraph and run properties (which hold tab stops, not tabs),
 * deleted text, field codes and the fallback copy of a text box are not text.
 */
export function documentXmlText(xml: string): string {
  const body = xml
    .replace(/<mc:Fallback\b[\s\S]*?<\/mc:Fallback>/g, '')
    .replace(/<w:pPr\b[\s\S]*?<\/w:pPr>/g, '')
    .replace(/<w:rPr\b[\s\S]*?<\/w:rPr>/g, '');
  const lines: string[] = [];
  let line = '';
  for (const m of body.matchAll(
    /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(tab|br|cr)\b[^>]*\/>|<\/w:p>/g,
  )) {
    if (m[1] !== undefined) line += unescapeXml(m[1]);
    else if (m[2] === 'tab') line += '\t';
    else if (m[2] !== undefined) line += '\n';
    else {
      lines.push(line);
      line = '';
    }
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

export type DocxText = { readonly ok: true; readonly text: string } | DocxRefusal;

/** One entry of the package as text, or null when it is missing. */
function entryText(bytes: Uint8Array, name: string): string | null {
  const entry = unzipSync(bytes, { filter: (file) => file.name === name })[name];
  return entry ? new TextDecoder().decode(entry) : null;
}

/** The text of a .docx, one line per paragraph. Never throws; a refusal names the file. */
export function readDocxText(bytes: Uint8Array, fileName: string): DocxText {
  const refused = refuseDocx(bytes, fileName);
  if (refused) return refused;
  let xml: string | null;
  try {
    xml = entryText(bytes, mainDocumentName(entryText(bytes, '_rels/.rels')));
  } catch {
    return docxCorrupt(fileName);
  }
  if (xml === null) return docxCorrupt(fileName);
  const text = documentXmlText(xml)
    .replace(/\r\n?/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
  return text === ''
    ? { ok: false, code: 'empty', reason: message('docxNoText', { file: fileName }) }
    : { ok: true, text };
}

/**
 * The two pure halves of reading a Word .docx: finding a file in the zip package (the central
 * directory; no ZIP64, which a .docx under the desk's 20 MB limit never needs), and turning
 * WordprocessingML into plain text, one line per paragraph. Inflating is the adapter's business
 * (src/lib/docx.ts, with the platform's DecompressionStream).
 */

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflate; anything else the desk cannot read. */
  readonly method: number;
  /** Where the entry's compressed bytes start and how many there are. */
  readonly start: number;
  readonly size: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The package's entries by name; null when the bytes are not a readable zip. */
export function zipEntries(bytes: Uint8Array): Map<string, ZipEntry> | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (at: number): number => (at + 4 <= bytes.length ? view.getUint32(at, true) : -1);
  const u16 = (at: number): number => (at + 2 <= bytes.length ? view.getUint16(at, true) : -1);
  // The end record sits in the last 22 bytes plus at most a 65,535-byte comment.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(at) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const count = u16(end + 10);
  let at = u32(end + 16);
  const names = new TextDecoder();
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    if (u32(at) !== CENTRAL) return null;
    const method = u16(at + 10);
    const size = u32(at + 20);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    const local = u32(at + 42);
    if (at + 46 + nameLength > bytes.length || u32(local) !== LOCAL) return null;
    const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const start = local + 30 + u16(local + 26) + u16(local + 28);
    if (start + size > bytes.length) return null;
    entries.set(name, { name, method, start, size });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
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

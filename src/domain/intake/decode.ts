/**
 * Turns the bytes of an uploaded notice file into text, or into a message naming the file.
 * Handles what clerks actually upload: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK
 * from older Windows machines, Big5 from Taiwan/Hong Kong sources, and saved HTML pages.
 * WARNING: never returns mojibake; when no decoding reads as Chinese it returns an 'encoding' error.
 */
import { message, type Message } from '../message';
import { COMMON_HANZI } from './common-hanzi';
import { htmlToText } from './html';

/** One notice is a few dozen KB; 5 MB is far beyond any real one and keeps the UI responsive. */
export const MAX_NOTICE_BYTES = 5 * 1024 * 1024;

export type NoticeEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

export type DecodeResult =
  | {
      readonly ok: true;
      readonly text: string;
      readonly encoding: NoticeEncoding;
      readonly kind: 'txt' | 'html';
    }
  | {
      readonly ok: false;
      /** What the clerk is told; it names the file. */
      readonly reason: Message;
      readonly code: 'empty' | 'too-large' | 'binary' | 'encoding' | 'unsupported';
    };

/**
 * TextDecoder is a WHATWG API present in browsers, workers and Node; the domain is type-checked
 * without DOM or Node types, so the constructor is reached through globalThis with its shape here.
 */
interface TextDecoderLike {
  decode(input: Uint8Array): string;
}
type TextDecoderConstructor = new (
  label: string,
  options?: { fatal?: boolean; ignoreBOM?: boolean },
) => TextDecoderLike;

function strictDecode(bytes: Uint8Array, encoding: NoticeEncoding): string | null {
  const Decoder = (globalThis as unknown as { TextDecoder: TextDecoderConstructor }).TextDecoder;
  try {
    return new Decoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

const TEXT_EXTENSIONS = new Map<string, 'txt' | 'html'>([
  ['txt', 'txt'],
  ['text', 'txt'],
  ['htm', 'html'],
  ['html', 'html'],
]);

/** The file name's extension, lower-case, without the dot ('' when it has none). */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot === -1 ? '' : fileName.slice(dot + 1).toLowerCase();
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}

/** File signatures of formats clerks upload by mistake (renamed to .txt or saved from a browser). */
const BINARY_SIGNATURES: readonly (readonly number[])[] = [
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x50, 0x4b, 0x03, 0x04], // ZIP (docx, xlsx, ofd …)
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], // OLE: .doc, .xls, encrypted Office files
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0x52, 0x49, 0x46, 0x46], // RIFF (WebP, WAV, AVI)
  [0x1f, 0x8b], // gzip
  [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], // 7z
  [0x52, 0x61, 0x72, 0x21], // Rar!
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x7b, 0x5c, 0x72, 0x74, 0x66], // {\rtf
];

/** A C0 control other than TAB, LF, VT, FF, CR (which text files legitimately hold). */
function isControl(code: number): boolean {
  return (
    (code < 0x20 &&
      code !== 0x09 &&
      code !== 0x0a &&
      code !== 0x0b &&
      code !== 0x0c &&
      code !== 0x0d) ||
    code === 0x7f
  );
}

/** Text with more than this share of control characters is not something a clerk typed. */
const MAX_CONTROL_SHARE = 0.01;

function looksBinary(bytes: Uint8Array): boolean {
  if (BINARY_SIGNATURES.some((s) => startsWith(bytes, s))) return true;
  let controls = 0;
  for (const b of bytes) {
    if (b === 0) return true;
    if (isControl(b)) controls++;
  }
  return controls > 1 && controls / bytes.length > MAX_CONTROL_SHARE;
}

function textLooksBinary(text: string): boolean {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) return true;
    if (isControl(code)) controls++;
  }
  return controls > 1 && controls / text.length > MAX_CONTROL_SHARE;
}

function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

/**
 * How much a decoding reads like Chinese: the share of its non-ASCII characters that are common
 * Chinese characters or CJK punctuation. A wrong legacy decoding scatters over rare characters,
 * kana, Greek, box drawing and private-use code points, and scores low.
 */
function chineseScore(text: string): number {
  let nonAscii = 0;
  let good = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) continue;
    nonAscii++;
    if (COMMON_HANZI.has(char)) good++;
    else if ((code >= 0x3000 && code <= 0x303f) || (code >= 0xff01 && code <= 0xff5e)) good += 0.5;
    else if (isHan(code)) good += 0.1;
  }
  return nonAscii === 0 ? 0 : good / nonAscii;
}

/** Below this score neither legacy decoding is shown: the clerk gets a message, not mojibake. */
const MIN_CHINESE_SCORE = 0.3;

function sizeInMb(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

function fromHtmlCharset(label: string): NoticeEncoding | null {
  const l = label.toLowerCase();
  if (l === 'utf-8' || l === 'utf8') return 'utf-8';
  if (['gb2312', 'gbk', 'gb18030', 'x-gbk', 'cp936', 'ms936', 'windows-936', 'euc-cn'].includes(l))
    return 'gb18030';
  if (['big5', 'big5-hkscs', 'x-x-big5', 'cp950'].includes(l)) return 'big5';
  return null;
}

/** The charset a page declares in `<meta charset=…>` or `content="…; charset=…"` near its start. */
function declaredCharset(bytes: Uint8Array): NoticeEncoding | null {
  const head = String.fromCharCode(...bytes.subarray(0, 4096)).toLowerCase();
  let at = head.indexOf('charset');
  while (at !== -1) {
    let i = at + 'charset'.length;
    while (head.charAt(i) === ' ') i++;
    if (head.charAt(i) === '=') {
      i++;
      while (head.charAt(i) === ' ' || head.charAt(i) === '"' || head.charAt(i) === "'") i++;
      let end = i;
      while (end < head.length && /[a-z0-9_-]/.test(head.charAt(end))) end++;
      const encoding = fromHtmlCharset(head.slice(i, end));
      if (encoding !== null) return encoding;
    }
    at = head.indexOf('charset', at + 1);
  }
  return null;
}

/**
 * UTF-16 without a BOM: ASCII-heavy text has a NUL in every other byte, always on the same side.
 * Returns the byte order when the NULs say so and the bytes decode strictly.
 */
function bomlessUtf16(bytes: Uint8Array): NoticeEncoding | null {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  const pairs = bytes.length / 2;
  if (odd > pairs * 0.3 && even === 0) return 'utf-16le';
  if (even > pairs * 0.3 && odd === 0) return 'utf-16be';
  return null;
}

interface Decoded {
  readonly text: string;
  readonly encoding: NoticeEncoding;
}

/** Picks the decoding of bytes that carry no BOM. */
function detect(bytes: Uint8Array, declared: NoticeEncoding | null): Decoded | 'binary' | null {
  const utf16 = bomlessUtf16(bytes);
  if (utf16 !== null) {
    const text = strictDecode(bytes, utf16);
    if (text !== null && !textLooksBinary(text)) return { text, encoding: utf16 };
  }
  if (looksBinary(bytes)) return 'binary';
  if (declared !== null && declared !== 'utf-8') {
    const text = strictDecode(bytes, declared);
    if (text !== null && chineseScore(text) >= MIN_CHINESE_SCORE)
      return { text, encoding: declared };
  }
  const utf8 = strictDecode(bytes, 'utf-8');
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  const candidates: Decoded[] = [];
  for (const encoding of ['gb18030', 'big5'] as const) {
    const text = strictDecode(bytes, encoding);
    if (text !== null) candidates.push({ text, encoding });
  }
  let best: Decoded | null = null;
  let bestScore = MIN_CHINESE_SCORE;
  for (const c of candidates) {
    const score = chineseScore(c.text);
    if (score >= bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Decodes one uploaded file. Text is returned exactly as written (only a BOM is removed; line ends
 * are left for the parser). `.docx` is 'unsupported' here: the caller routes it to src/lib/docx.ts.
 */
export function decodeNoticeFile(bytes: Uint8Array, fileName: string): DecodeResult {
  const kind = TEXT_EXTENSIONS.get(extensionOf(fileName));
  if (kind === undefined) {
    return {
      ok: false,
      code: 'unsupported',
      reason: message('fileNotNotice', { file: fileName }),
    };
  }
  if (bytes.length > MAX_NOTICE_BYTES) {
    return {
      ok: false,
      code: 'too-large',
      reason: message('fileTooLarge', {
        file: fileName,
        size: sizeInMb(bytes.length),
        limit: MAX_NOTICE_BYTES / (1024 * 1024),
      }),
    };
  }
  return decodeText(bytes, fileName, kind);
}

/** A labelled history or a desk export holds thousands of notices; beyond this the tab would stall. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

const IMPORT_EXTENSIONS = new Set(['csv', 'tsv', 'txt', 'jsonl', 'json']);

/**
 * Decodes a file to import (a CMS export .csv, often GBK from Excel, or a desk .jsonl) with the same
 * encoding detection as notices; kind is always 'txt'.
 */
export function decodeImportFile(bytes: Uint8Array, fileName: string): DecodeResult {
  if (!IMPORT_EXTENSIONS.has(extensionOf(fileName))) {
    return {
      ok: false,
      code: 'unsupported',
      reason: message('fileNotImport', { file: fileName }),
    };
  }
  if (bytes.length > MAX_IMPORT_BYTES) {
    return {
      ok: false,
      code: 'too-large',
      reason: message('importTooLarge', {
        file: fileName,
        size: sizeInMb(bytes.length),
        limit: MAX_IMPORT_BYTES / (1024 * 1024),
      }),
    };
  }
  return decodeText(bytes, fileName, 'txt');
}

function decodeText(bytes: Uint8Array, fileName: string, kind: 'txt' | 'html'): DecodeResult {
  const empty: DecodeResult = {
    ok: false,
    code: 'empty',
    reason: message('fileEmpty', { file: fileName }),
  };
  if (bytes.length === 0) return empty;

  let decoded: Decoded | 'binary' | null;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const text = strictDecode(bytes, 'utf-8');
    decoded = text === null ? null : { text, encoding: 'utf-8' };
  } else if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    const text = strictDecode(bytes, encoding);
    decoded = text === null ? null : { text, encoding };
  } else {
    decoded = detect(bytes, kind === 'html' ? declaredCharset(bytes) : null);
  }

  if (decoded === 'binary' || (decoded !== null && textLooksBinary(decoded.text))) {
    return {
      ok: false,
      code: 'binary',
      reason: message('fileBinary', { file: fileName }),
    };
  }
  if (decoded === null) {
    return {
      ok: false,
      code: 'encoding',
      reason: message('fileEncoding', { file: fileName }),
    };
  }
  const raw = stripBom(decoded.text);
  const text = kind === 'html' ? htmlToText(raw) : raw;
  if (text.trim() === '') return empty;
  return { ok: true, text, encoding: decoded.encoding, kind };
}

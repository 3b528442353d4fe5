/**
 * Text that looks mis-decoded: what a clerk gets by pasting from a page served in the wrong
 * encoding, or from a file an editor opened as the wrong one. The desk's own file reader never
 * produces it (decode.ts refuses rather than guesses), but a paste, a .docx or a history import can
 * carry it; classifying such text would only give confident nonsense, so the clerk is warned first.
 */
import { COMMON_HANZI } from './common-hanzi';

/** Why the text looks mis-decoded. */
export type MisdecodeReason =
  /** U+FFFD: bytes a decoder could not read were replaced. */
  | 'replacement'
  /** 锟斤拷 (U+FFFD written as UTF-8 and read as GBK) or 烫烫烫/屯屯屯 (uninitialised memory). */
  | 'mojibake'
  /** å…¨åŠ› and the like: UTF-8 read as Latin-1 / Windows-1252. */
  | 'utf8-as-latin1'
  /** Private-use code points: a legacy encoding's user area, or a wrong decoding into it. */
  | 'private-use'
  /** Mostly rare characters, kana or bopomofo: Big5 read as GBK, UTF-8 read as GBK, and so on. */
  | 'unlikely-characters';

export interface Misdecoded {
  readonly reason: MisdecodeReason;
  /** Offset (UTF-16) of the first suspect character, so the desk can show where it is. */
  readonly at: number;
  /** The text around it (up to 20 characters), for the clerk's warning. */
  readonly excerpt: string;
}

const MOJIBAKE = /锟斤拷|烫烫烫|屯屯屯/u;

/**
 * A UTF-8 lead byte of a Chinese character (E3–E9) read as Latin-1, then two continuation bytes
 * (80–BF) as Latin-1 or as the Windows-1252 punctuation that replaces 80–9F.
 */
const UTF8_AS_LATIN1 =
  /[\u00e3-\u00e9][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{2}/gu;
/** Fewer than this many such triples can be a foreign name (Ægir, Müller); this many cannot. */
const MIN_LATIN1_TRIPLES = 3;

const PRIVATE_USE = /[\ue000-\uf8ff\u{f0000}-\u{10ffff}]/gu;
/**
 * A bullet from a symbol font (Wingdings in a .docx) is a private-use character or two; a page
 * decoded into a user area has them throughout.
 */
const MIN_PRIVATE_USE = 3;

/** Too few characters to judge the mix: a short title can be all rare characters. */
const MIN_CHARACTERS_JUDGED = 20;
/**
 * Below this share of common Chinese characters and CJK punctuation among the non-ASCII ones, the
 * text is not Chinese as written. Measured when this was written: real notices score 0.76 or more
 * (eval/testset's 199, the samples, the parser's fixtures); wrong decodings of them 0.12 or less.
 */
const MIN_COMMON_SHARE = 0.5;
/** Kana and bopomofo are no part of a Chinese notice; a few in a hundred mark UTF-8 read as GBK. */
const MAX_KANA_SHARE = 0.05;

function isKanaOrBopomofo(code: number): boolean {
  return (code >= 0x3040 && code <= 0x30ff) || (code >= 0x3100 && code <= 0x312f);
}

function isCjkPunctuation(code: number): boolean {
  return (
    (code >= 0x3000 && code <= 0x303f) ||
    (code >= 0xff01 && code <= 0xff5e) ||
    (code >= 0x2010 && code <= 0x2027)
  );
}

function excerptAt(text: string, at: number): Misdecoded['excerpt'] {
  const from = Math.max(0, at - 5);
  return text.slice(from, from + 20).replace(/\s+/gu, ' ');
}

function found(text: string, reason: MisdecodeReason, at: number): Misdecoded {
  return { reason, at, excerpt: excerptAt(text, at) };
}

/** The first rare character, kana or bopomofo: where an unlikely mix shows first. */
function firstUnlikely(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    const code = text.charCodeAt(i);
    if (code >= 0x80 && !COMMON_HANZI.has(ch) && !isCjkPunctuation(code)) return i;
  }
  return 0;
}

/**
 * Whether `text` looks mis-decoded, and why; null when it reads as written. Checks, in order:
 * the 锟斤拷 family, U+FFFD, UTF-8 read as Latin-1, private-use characters, and finally the mix of
 * characters (a text of 20 or more non-ASCII characters must be mostly common Chinese characters
 * and punctuation). Linear in the length of the text.
 * WARNING: a hint for a warning, not a verdict: a notice on a foreign name or an old text full of
 * rare characters can be flagged. Warn the clerk; never drop or alter the text.
 */
export function looksMisdecoded(text: string): Misdecoded | null {
  // First: a text decoded wrongly twice carries both 锟斤拷 and U+FFFD, and 锟斤拷 says more.
  const mojibake = MOJIBAKE.exec(text);
  if (mojibake) return found(text, 'mojibake', mojibake.index);

  const replacement = text.indexOf('\uFFFD');
  if (replacement >= 0) return found(text, 'replacement', replacement);

  const latin1 = [...text.matchAll(UTF8_AS_LATIN1)];
  if (latin1.length >= MIN_LATIN1_TRIPLES)
    return found(text, 'utf8-as-latin1', latin1[0]?.index ?? 0);

  const privateUse = [...text.matchAll(PRIVATE_USE)];
  if (privateUse.length >= MIN_PRIVATE_USE) {
    return found(text, 'private-use', privateUse[0]?.index ?? 0);
  }

  let nonAscii = 0;
  let likely = 0;
  let kana = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) continue;
    nonAscii++;
    if (COMMON_HANZI.has(ch) || isCjkPunctuation(code)) likely++;
    else if (isKanaOrBopomofo(code)) kana++;
  }
  if (nonAscii < MIN_CHARACTERS_JUDGED) return null;
  if (likely / nonAscii < MIN_COMMON_SHARE || kana / nonAscii > MAX_KANA_SHARE) {
    return found(text, 'unlikely-characters', firstUnlikely(text));
  }
  return null;
}

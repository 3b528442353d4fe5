/**
 * 发文字号 (document numbers) such as 沪崇民〔2020〕10号. Sloppy copies bracket the year with
 * `[]`, `()`, `（）`, `【】` or `［］`; the normalised form always uses 〔〕.
 */

const YEAR_IN_BRACKETS = /[〔[［(（【﹝]\s*((?:19|20)\d{2})\s*[〕\]］)）】﹞]/u;

/** The number with 〔〕 around the year and blanks removed. */
export function normaliseDocNumber(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\s\u3000]+/gu, '')
    .replace(new RegExp(YEAR_IN_BRACKETS.source, 'gu'), '〔$1〕');
}

/** A document number standing (almost) alone: the issuer's code, the year in brackets, the number. */
const DOC_NUMBER =
  /[\p{Script=Han}A-Za-z]{1,12}\s*[〔[［(（【﹝]\s*(?:19|20)\d{2}\s*[〕\]］)）】﹞]\s*第?\s*\d{1,5}\s*号/u;

/** Where a document number is in `line`, when the line is little else (`国发〔2019〕4号`, `（…号）`). */
export function findDocNumber(line: string): { index: number; raw: string } | null {
  if (line.length > 60) return null;
  const m = DOC_NUMBER.exec(line);
  if (!m) return null;
  if (line.length - m[0].length > 4) return null;
  return { index: m.index, raw: m[0] };
}

/** A header value that reads as a document number (or says there is none). */
export function looksLikeDocNumber(value: string): boolean {
  return value.length <= 40 && (/号$/u.test(value) || YEAR_IN_BRACKETS.test(value));
}

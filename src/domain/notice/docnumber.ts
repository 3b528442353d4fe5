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

/**
 * Where a document number is in `line`, when the line is little else: `国发〔2019〕4号`, `（…号）`,
 * or the number beside the signer as in a 上行文 (`沪府〔2020〕5号  签发人：张三`).
 */
export function findDocNumber(line: string): { index: number; raw: string } | null {
  if (line.length > 60) return null;
  const m = DOC_NUMBER.exec(line);
  if (!m) return null;
  const rest = (line.slice(0, m.index) + line.slice(m.index + m[0].length)).replace(
    /[\s\u3000（）()]/gu,
    '',
  );
  if (rest.length > 2 && !/^签发人[:：]?\p{Script=Han}{0,8}$/u.test(rest)) return null;
  return { index: m.index, raw: m[0] };
}

/** A header value that reads as a document number (or says there is none). */
export function looksLikeDocNumber(value: string): boolean {
  return value.length <= 40 && (/号$/u.test(value) || YEAR_IN_BRACKETS.test(value));
}

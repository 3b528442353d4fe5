/**
 * Dates as notices write them, read to ISO: `2020年3月30日`, `2020年03月30日`, `2020-03-30`,
 * `2020.3.30`, `2020/3/30`, `二〇二〇年三月三十日`, full-width digits. The raw text is always kept.
 */
import type { NoticeDate, Span } from './types';

const HAN_DIGITS: Readonly<Record<string, number>> = {
  〇: 0,
  零: 0,
  '○': 0,
  Ｏ: 0,
  O: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 三 → 3, 十二 → 12, 二十 → 20, 三十一 → 31; null when not a number below 100. */
function hanNumber(s: string): number | null {
  if (/^[〇零○ＯO一二三四五六七八九]+$/u.test(s)) {
    // Digit by digit, as years are written (二〇二〇).
    let n = 0;
    for (const ch of s) n = n * 10 + (HAN_DIGITS[ch] ?? 0);
    return n;
  }
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/u.exec(s);
  if (!m) return null;
  const tens = m[1] === undefined ? 1 : (HAN_DIGITS[m[1]] ?? 0);
  const units = m[2] === undefined ? 0 : (HAN_DIGITS[m[2]] ?? 0);
  return tens * 10 + units;
}

const ARABIC_YMD =
  /^(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?|[-./](\d{1,2})[-./](\d{1,2}))$/u;
const HAN_YMD =
  /^([〇零○ＯO一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日$/u;
/** A time pasted after the date on some pages (`2020-04-16 09:30:00`). */
const TRAILING_TIME = /\s+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?$/u;

function isoOf(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The ISO date written in `raw`, or null when it is not one valid date. */
export function normaliseDate(raw: string): string | null {
  if (raw.length > 40) return null;
  const s = raw.normalize('NFKC').trim().replace(TRAILING_TIME, '');
  const a = ARABIC_YMD.exec(s);
  if (a) {
    const month = a[2] ?? a[4];
    const day = a[3] ?? a[5];
    return isoOf(Number(a[1]), Number(month), Number(day));
  }
  const h = HAN_YMD.exec(raw.trim());
  if (h) {
    const year = hanNumber(h[1] ?? '');
    const month = hanNumber(h[2] ?? '');
    const day = hanNumber(h[3] ?? '');
    if (year === null || month === null || day === null) return null;
    return isoOf(year, month, day);
  }
  return null;
}

/** A year, or a year and month, with nothing else: a date the page wrote incompletely. */
const PARTIAL_DATE = /^\d{4}\s*(?:年(?:\s*\d{1,2}\s*月)?|[-./]\s*\d{1,2})$/u;

/** A full or partial date (`2020年3月`), so it is read as a date field, never as a title. */
export function looksLikeDate(raw: string): boolean {
  return isDateText(raw) || (raw.length <= 12 && PARTIAL_DATE.test(raw.normalize('NFKC').trim()));
}

/** True when the whole string is one date (as a signature's date line is). */
export function isDateText(raw: string): boolean {
  return normaliseDate(raw) !== null;
}

export function noticeDate(raw: string, span: Span | null): NoticeDate {
  return { raw, iso: normaliseDate(raw), span };
}

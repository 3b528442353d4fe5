/** The metadata the desk's queue and export show, taken from a parsed notice once. */
import type { NoticeMeta } from '../desk/record';
import type { ParsedNotice } from './types';

/** A title wrapped over lines on the page is one title. */
function oneLine(s: string): string {
  return s.replace(/[ \t\u3000]*(?:\r\n|\r|\n|\u2028|\u2029)[ \t\u3000]*/gu, '');
}

export function noticeMeta(parsed: ParsedNotice): NoticeMeta {
  return {
    title: parsed.title ? oneLine(parsed.title.text) : null,
    issuer: parsed.issuer?.text ?? null,
    docNumber: parsed.docNumber?.normalised ?? null,
    indexNo: parsed.indexNo,
    topicRaw: parsed.topicRaw,
    writtenDate: parsed.dates.written?.iso ?? null,
    publishDate: parsed.dates.published?.iso ?? null,
    effectiveDate: parsed.dates.effective?.iso ?? null,
    expiryDate: parsed.dates.expiry?.iso ?? null,
  };
}

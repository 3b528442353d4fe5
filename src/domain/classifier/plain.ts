/**
 * A ParsedNotice for bare text (a title from a catalogue, a paragraph from a data set), for
 * training data that never went through the notice parser: no header, the first line as title
 * when it is short, the whole text as body.
 */
import type { ParsedNotice } from '../notice/types';

const TITLE_MAX = 80;

export function plainNotice(text: string): ParsedNotice {
  const firstLineEnd = text.search(/\r?\n/);
  const first = firstLineEnd < 0 ? text : text.slice(0, firstLineEnd);
  const trimmed = first.trim();
  const lead = first.indexOf(trimmed);
  const title =
    trimmed !== '' && trimmed.length <= TITLE_MAX && !/[。；]$/.test(trimmed)
      ? { text: trimmed, span: { start: lead, end: lead + trimmed.length } }
      : null;
  return {
    text,
    header: null,
    indexNo: null,
    topicRaw: null,
    topic: null,
    issuer: null,
    docNumber: null,
    dates: { written: null, published: null, effective: null, expiry: null },
    title,
    addressee: null,
    coverLetter: null,
    signature: null,
    preamble: null,
    sections: [],
    attachments: [],
    furniture: [],
    body: { start: 0, end: text.length },
  };
}

/**
 * The notice as lines with offsets into the original text. Nothing here normalises the text: every
 * span is computed on the string as given (CRLF, lone CR, BOM, full-width spaces), so highlights
 * drawn from these spans never drift.
 */
import type { Span, TextPart } from './types';

/** One non-blank line: `span` is the trimmed content, `text` its exact slice. */
export interface Line {
  readonly text: string;
  readonly span: Span;
}

/** Blank for our purposes: ASCII and Unicode spaces, full-width space, BOM, zero-width space. */
export function isBlank(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x3000 ||
    c === 0xfeff ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f
  );
}

/** The span [start, end) with blanks removed at both ends (never crossing). */
export function trimSpan(text: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && isBlank(text.charAt(s))) s++;
  while (e > s && isBlank(text.charAt(e - 1))) e--;
  return { start: s, end: e };
}

export function partOf(text: string, start: number, end: number): TextPart {
  const span = trimSpan(text, start, end);
  return { text: text.slice(span.start, span.end), span };
}

const LINE_BREAK = /\r\n|\r|\n|\u2028|\u2029/g;

/** The non-blank lines of the text, in order. */
export function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let from = 0;
  const push = (end: number): void => {
    const span = trimSpan(text, from, end);
    if (span.end > span.start) out.push({ text: text.slice(span.start, span.end), span });
  };
  LINE_BREAK.lastIndex = 0;
  for (let m = LINE_BREAK.exec(text); m; m = LINE_BREAK.exec(text)) {
    push(m.index);
    from = m.index + m[0].length;
  }
  push(text.length);
  return out;
}

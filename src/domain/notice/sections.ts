/**
 * Work points as a tree. Markers rank in the order Chinese official documents nest them
 * (GB/T 9704): 一、 > （一） > 1. > （1） > ①; a paragraph opening with a short lead phrase ending in
 * 。 (村居治理。…) is a sub-point of whatever section it stands in. Rules and measures (办法, 条例)
 * stand above that: 第一章 > 第一节 > 第一条.
 */
import { isBlank, type Line } from './lines';
import type { Section, SectionMarker, Span } from './types';

interface MarkerStyle {
  readonly marker: SectionMarker;
  readonly rank: number;
  readonly pattern: RegExp;
}

const HAN_NUM = '[一二三四五六七八九十百〇零]{1,4}';
const DIGITS = '[0-9０-９]{1,3}';
/** 第一百二十三条: article numbers run longer than list markers. */
const ORDINAL = '[一二三四五六七八九十百〇零]{1,7}';

const STYLES: readonly MarkerStyle[] = [
  // Chapters and their parts (第一章 总则, 第一节) stand above 一、; the type has no name of its own for them.
  { marker: 'chinese', rank: 0, pattern: new RegExp(`^第${ORDINAL}[章编]`, 'u') },
  { marker: 'chinese', rank: 1, pattern: new RegExp(`^第${ORDINAL}节`, 'u') },
  { marker: 'article', rank: 2, pattern: new RegExp(`^第${ORDINAL}条`, 'u') },
  { marker: 'chinese', rank: 3, pattern: new RegExp(`^${HAN_NUM}[、．.]`, 'u') },
  { marker: 'paren', rank: 4, pattern: new RegExp(`^[（(]${HAN_NUM}[）)]`, 'u') },
  { marker: 'arabic', rank: 5, pattern: new RegExp(`^${DIGITS}(?:[、．]|\\.(?![0-9]))`, 'u') },
  {
    marker: 'arabic',
    rank: 6,
    pattern: new RegExp(`^(?:[（(]${DIGITS}[）)]|${DIGITS}[）)])`, 'u'),
  },
  { marker: 'arabic', rank: 7, pattern: /^[①-⑳]/u },
];
const LEAD_RANK = 8;
/** A lead phrase: 2–16 characters, no sentence punctuation, closed by 。 and followed by more text. */
const LEAD = /^[^。，,；;：:！？!?\s]{2,16}。/u;

export interface MarkedLine {
  readonly marker: SectionMarker;
  readonly rank: number;
  readonly label: string;
}

/** The section marker a line opens with, if any. */
export function markerOf(line: string): MarkedLine | null {
  for (const style of STYLES) {
    const m = style.pattern.exec(line);
    if (m) return { marker: style.marker, rank: style.rank, label: m[0] };
  }
  return null;
}

/** Trailing punctuation a heading line carries but the heading itself does not. */
const HEADING_END = new Set(['。', '；', ';', '：', ':', '，', ',']);
/** A first sentence this short is the heading of the text that follows it on the line. */
const HEADING_MAX = 40;

/**
 * The heading after the marker: up to the first 。 when a body follows on the same line, or up to
 * a colon that closes a short heading (创建对象：全州各…). An item that is one sentence (决定, 批复:
 * 一、原则同意…，…。) is its own heading: the classifier reads headings, and a first clause alone
 * (三、撤县设市后) says less.
 */
function headingOf(line: Line, labelLength: number): Span {
  const base = line.span.start;
  let start = labelLength;
  const t = line.text;
  while (start < t.length && isBlank(t.charAt(start))) start++;
  let end = t.length;
  const stop = t.indexOf('。', start);
  if (stop >= 0 && stop < t.length - 1 && stop - start <= HEADING_MAX) end = stop;
  const colon = firstColon(t, start, Math.min(end, start + 21));
  if (colon >= 0 && colon < t.length - 1) end = colon;
  // A loop, not a /[…]+$/ regex: that one is quadratic on a long run of punctuation.
  while (end > start && (HEADING_END.has(t.charAt(end - 1)) || isBlank(t.charAt(end - 1)))) end--;
  return { start: base + start, end: base + end };
}

function firstColon(t: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const ch = t.charAt(i);
    if (ch === '：' || ch === ':') return i;
  }
  return -1;
}

interface Building {
  readonly marker: SectionMarker;
  readonly label: string;
  readonly heading: string;
  readonly headingSpan: Span;
  readonly start: number;
  end: number;
  readonly rank: number;
  readonly inAttachment: boolean;
  readonly children: Building[];
}

/**
 * A lone lead phrase is most often a short first sentence (各单位要高度重视。…), not a sub-point:
 * lead phrases count only where a section has at least two. Their text stays in the parent's span.
 */
function withoutLoneLeads(children: readonly Building[]): readonly Building[] {
  const leads = children.filter((c) => c.marker === 'lead').length;
  return leads === 1 ? children.filter((c) => c.marker !== 'lead') : children;
}

function freeze(b: Building, depth: number): Section {
  const section: Section = {
    marker: b.marker,
    label: b.label,
    heading: b.heading,
    headingSpan: b.headingSpan,
    span: { start: b.start, end: b.end },
    depth,
    children: withoutLoneLeads(b.children).map((c) => freeze(c, depth + 1)),
  };
  return b.inAttachment ? { ...section, inAttachment: true } : section;
}

/**
 * Builds the tree from body lines. `breaks` are indexes at which every open section closes
 * (an attachment line, a signature): nothing after them belongs to the section above. Sections
 * opened at or after `attachmentFrom` stand in an attachment (附件).
 */
export function buildSections(
  text: string,
  lines: readonly Line[],
  breaks: ReadonlySet<number>,
  attachmentFrom: number = lines.length,
): Section[] {
  const roots: Building[] = [];
  const stack: Building[] = [];
  lines.forEach((line, index) => {
    if (breaks.has(index)) {
      stack.length = 0;
      return;
    }
    const marked = markerOf(line.text);
    let opened: Building | null = null;
    if (marked) {
      const headingSpan = headingOf(line, marked.label.length);
      opened = {
        marker: marked.marker,
        label: marked.label,
        heading: text.slice(headingSpan.start, headingSpan.end),
        headingSpan,
        start: line.span.start,
        end: line.span.end,
        rank: marked.rank,
        inAttachment: index >= attachmentFrom,
        children: [],
      };
    } else if (stack.length > 0) {
      const lead = LEAD.exec(line.text);
      if (lead && lead[0].length < line.text.length) {
        const headingSpan = { start: line.span.start, end: line.span.start + lead[0].length - 1 };
        opened = {
          marker: 'lead',
          label: '',
          heading: text.slice(headingSpan.start, headingSpan.end),
          headingSpan,
          start: line.span.start,
          end: line.span.end,
          rank: LEAD_RANK,
          inAttachment: index >= attachmentFrom,
          children: [],
        };
      }
    }
    if (opened) {
      while (stack.length > 0 && (stack[stack.length - 1]?.rank ?? 0) >= opened.rank) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(opened);
      else roots.push(opened);
      stack.push(opened);
    }
    for (const open of stack) open.end = line.span.end;
  });
  return roots.map((r) => freeze(r, 1));
}

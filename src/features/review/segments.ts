/**
 * Splits a notice's text into runs that share the same highlights, so the text can be rendered as plain
 * React text nodes (never as HTML) with nested and overlapping spans from the parser and the classifier.
 */
import type { Span } from '../../domain/notice/types';

/** What a highlighted run of text is; a run may be several at once (an evidence term inside a title). */
export type HighlightKind =
  | 'headerLabel' // 发文字号: and the other header labels
  | 'headerValue' // their values
  | 'title'
  | 'addressee' // 主送机关
  | 'signature' // 落款
  | 'heading1'
  | 'heading2'
  | 'heading3'
  | 'attachment'
  | 'furniture' // 打印本页, 关闭窗口… dimmed
  | 'evidence'; // a term that moved the shown suggestion

export interface Highlight {
  readonly span: Span;
  readonly kind: HighlightKind;
  /** Set on the highlight the outline scrolls to; the run where it starts carries it. */
  readonly anchor?: string;
}

export interface Segment {
  readonly start: number;
  readonly end: number;
  readonly kinds: readonly HighlightKind[];
  /** The anchor of a highlight that starts exactly here, if any. */
  readonly anchor: string | null;
}

/** Draw order: a run in several highlights keeps them in this order, so its class list is stable. */
const KIND_ORDER: readonly HighlightKind[] = [
  'furniture',
  'headerLabel',
  'headerValue',
  'title',
  'addressee',
  'signature',
  'attachment',
  'heading1',
  'heading2',
  'heading3',
  'evidence',
];

function clamp(n: number, length: number): number {
  return Math.max(0, Math.min(length, Math.floor(n)));
}

/**
 * Cuts `text` at every highlight boundary. Spans are clamped to the text, empty or inverted spans are
 * ignored, and neighbouring runs with the same highlights and no anchor between them are merged.
 * The segments cover the whole text, in order, without gaps.
 */
export function buildSegments(text: string, highlights: readonly Highlight[]): Segment[] {
  const length = text.length;
  const valid = highlights
    .map((h) => ({ ...h, start: clamp(h.span.start, length), end: clamp(h.span.end, length) }))
    .filter((h) => h.end > h.start);
  const cuts = new Set<number>([0, length]);
  for (const h of valid) {
    cuts.add(h.start);
    cuts.add(h.end);
  }
  const bounds = [...cuts].sort((a, b) => a - b);
  const indexOfBound = new Map<number, number>();
  bounds.forEach((b, i) => indexOfBound.set(b, i));

  const pieces = bounds.length - 1;
  const kindsAt: Set<HighlightKind>[] = Array.from({ length: pieces }, () => new Set());
  const anchorAt: (string | null)[] = Array.from({ length: pieces }, () => null);
  for (const h of valid) {
    const from = indexOfBound.get(h.start) ?? 0;
    const to = indexOfBound.get(h.end) ?? pieces;
    for (let i = from; i < to; i++) kindsAt[i]?.add(h.kind);
    if (h.anchor !== undefined && anchorAt[from] === null) anchorAt[from] = h.anchor;
  }

  const segments: Segment[] = [];
  for (let i = 0; i < pieces; i++) {
    const start = bounds[i] ?? 0;
    const end = bounds[i + 1] ?? length;
    const set = kindsAt[i] ?? new Set<HighlightKind>();
    const kinds = KIND_ORDER.filter((k) => set.has(k));
    const anchor = anchorAt[i] ?? null;
    const previous = segments[segments.length - 1];
    if (previous && anchor === null && sameKinds(previous.kinds, kinds)) {
      segments[segments.length - 1] = { ...previous, end };
    } else {
      segments.push({ start, end, kinds, anchor });
    }
  }
  return segments;
}

function sameKinds(a: readonly HighlightKind[], b: readonly HighlightKind[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

/**
 * The text of a segment as it should be displayed: CSS treats a bare CR as a space, so CRLF becomes LF
 * and a lone CR becomes LF. Looks at the character after the segment so a CRLF cut in two by a
 * boundary still makes one line break. Offsets are untouched: only the displayed string changes.
 */
export function displayText(text: string, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === '\r') {
      if (text[i + 1] !== '\n') out += '\n';
    } else {
      out += c ?? '';
    }
  }
  return out;
}

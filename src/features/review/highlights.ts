/**
 * Turns what the parser and the classifier found into highlights over the notice text, and the outline
 * entries that point at them.
 */
import type { Evidence } from '../../domain/classifier/types';
import type { ParsedNotice, Section } from '../../domain/notice/types';
import type { Highlight, HighlightKind } from './segments';

export interface OutlineEntry {
  readonly anchor: string;
  readonly label: string;
  readonly depth: number;
  /** A section of an attachment (附件), listed apart from the notice's own. */
  readonly inAttachment: boolean;
}

function headingKind(depth: number): HighlightKind {
  if (depth <= 1) return 'heading1';
  return depth === 2 ? 'heading2' : 'heading3';
}

/** Anchors are DOM ids, so they are made from positions rather than from the (Chinese) heading text. */
export function sectionAnchor(section: Section): string {
  return `notice-at-${section.headingSpan.start}`;
}

export const TITLE_ANCHOR = 'notice-title';

function walk(sections: readonly Section[], visit: (s: Section) => void): void {
  for (const s of sections) {
    visit(s);
    walk(s.children, visit);
  }
}

export function noticeHighlights(parsed: ParsedNotice): Highlight[] {
  const out: Highlight[] = [];
  for (const field of parsed.header?.fields ?? []) {
    out.push({ span: field.labelSpan, kind: 'headerLabel' });
    if (field.valueSpan) out.push({ span: field.valueSpan, kind: 'headerValue' });
  }
  if (parsed.title) out.push({ span: parsed.title.span, kind: 'title', anchor: TITLE_ANCHOR });
  if (parsed.addressee) out.push({ span: parsed.addressee.span, kind: 'addressee' });
  if (parsed.signature) out.push({ span: parsed.signature.span, kind: 'signature' });
  for (const a of parsed.attachments) out.push({ span: a.span, kind: 'attachment' });
  for (const f of parsed.furniture) out.push({ span: f.span, kind: 'furniture' });
  walk(parsed.sections, (s) =>
    out.push({ span: s.headingSpan, kind: headingKind(s.depth), anchor: sectionAnchor(s) }),
  );
  return out;
}

export function evidenceHighlights(evidence: readonly Evidence[]): Highlight[] {
  // Only terms that argue FOR the suggestion: a clerk asks "why this?", not "why not".
  return evidence
    .filter((e) => e.weight > 0)
    .flatMap((e) => e.spans.map((span) => ({ span, kind: 'evidence' as const })));
}

export function outlineEntries(parsed: ParsedNotice): OutlineEntry[] {
  const out: OutlineEntry[] = [];
  if (parsed.title) {
    out.push({ anchor: TITLE_ANCHOR, label: parsed.title.text, depth: 0, inAttachment: false });
  }
  walk(parsed.sections, (s) =>
    out.push({
      anchor: sectionAnchor(s),
      label: `${s.label}${s.heading}`,
      depth: s.depth,
      inAttachment: s.inAttachment === true,
    }),
  );
  return out;
}

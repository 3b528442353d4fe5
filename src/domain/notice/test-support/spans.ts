/**
 * Test-only: every span a ParsedNotice holds, with the text its slice must equal (null when the
 * field carries no text of its own, such as a section's whole span).
 */
import type { ParsedNotice, Section, Span } from '../types';

export interface SpanCheck {
  readonly where: string;
  readonly span: Span;
  readonly expected: string | null;
}

function sectionSpans(sections: readonly Section[], where: string, out: SpanCheck[]): void {
  sections.forEach((s, i) => {
    const here = `${where}[${i}]`;
    out.push({ where: `${here}.headingSpan`, span: s.headingSpan, expected: s.heading });
    out.push({ where: `${here}.span`, span: s.span, expected: null });
    sectionSpans(s.children, `${here}.children`, out);
  });
}

export function allSpans(p: ParsedNotice): SpanCheck[] {
  const out: SpanCheck[] = [];
  const part = (where: string, t: { text: string; span: Span } | null): void => {
    if (t) out.push({ where, span: t.span, expected: t.text });
  };
  if (p.header) {
    out.push({ where: 'header.span', span: p.header.span, expected: null });
    p.header.fields.forEach((f, i) => {
      out.push({ where: `header.fields[${i}].labelSpan`, span: f.labelSpan, expected: null });
      if (f.valueSpan) {
        out.push({ where: `header.fields[${i}].valueSpan`, span: f.valueSpan, expected: f.value });
      }
    });
  }
  part('issuer', p.issuer);
  if (p.docNumber?.span) {
    out.push({ where: 'docNumber', span: p.docNumber.span, expected: p.docNumber.raw });
  }
  for (const [name, d] of Object.entries(p.dates)) {
    if (d?.span) out.push({ where: `dates.${name}`, span: d.span, expected: d.raw });
  }
  part('title', p.title);
  part('addressee', p.addressee);
  part('coverLetter', p.coverLetter);
  if (p.signature) {
    out.push({ where: 'signature.span', span: p.signature.span, expected: null });
    part('signature.issuer', p.signature.issuer);
    if (p.signature.date?.span) {
      out.push({
        where: 'signature.date',
        span: p.signature.date.span,
        expected: p.signature.date.raw,
      });
    }
  }
  part('preamble', p.preamble);
  sectionSpans(p.sections, 'sections', out);
  p.attachments.forEach((a, i) => part(`attachments[${i}]`, a));
  p.furniture.forEach((f, i) => part(`furniture[${i}]`, f));
  out.push({ where: 'body', span: p.body, expected: null });
  return out;
}

/** The first broken span, described; null when all are sound. */
export function brokenSpan(p: ParsedNotice): string | null {
  for (const c of allSpans(p)) {
    const { start, end } = c.span;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start) {
      return `${c.where}: bad span ${start}..${end}`;
    }
    if (end > p.text.length) return `${c.where}: ${end} beyond ${p.text.length}`;
    if (c.expected !== null && p.text.slice(start, end) !== c.expected) {
      return `${c.where}: slice ${JSON.stringify(p.text.slice(start, end))} ≠ ${JSON.stringify(c.expected)}`;
    }
  }
  return null;
}

import { describe, expect, it } from 'vitest';
import { buildSegments, displayText, type Highlight } from './segments';

const text = '发文字号:沪崇民〔2020〕10号\n一、全力做好防控工作\n正文。';

function rendered(t: string, highlights: readonly Highlight[]): string[] {
  return buildSegments(t, highlights).map((s) => `${t.slice(s.start, s.end)}|${s.kinds.join('+')}`);
}

describe('buildSegments', () => {
  it('covers the whole text in order when there is nothing to highlight', () => {
    expect(buildSegments(text, [])).toEqual([
      { start: 0, end: text.length, kinds: [], anchor: null },
    ]);
  });

  it('keeps a header label and value apart and leaves plain text between spans plain', () => {
    const highlights: Highlight[] = [
      { span: { start: 0, end: 4 }, kind: 'headerLabel' },
      { span: { start: 5, end: 5 + '沪崇民〔2020〕10号'.length }, kind: 'headerValue' },
    ];
    expect(rendered(text, highlights)).toEqual([
      '发文字号|headerLabel',
      ':|',
      '沪崇民〔2020〕10号|headerValue',
      `${text.slice(17)}|`,
    ]);
  });

  it('splits nested and overlapping spans into runs that carry every highlight covering them', () => {
    const t = 'ABCDEFGH';
    const highlights: Highlight[] = [
      { span: { start: 1, end: 6 }, kind: 'title' },
      { span: { start: 2, end: 4 }, kind: 'evidence' }, // nested in the title
      { span: { start: 5, end: 8 }, kind: 'heading1' }, // overlaps the title's end
    ];
    expect(rendered(t, highlights)).toEqual([
      'A|',
      'B|title',
      'CD|title+evidence',
      'E|title',
      'F|title+heading1',
      'GH|heading1',
    ]);
  });

  it('ignores empty, inverted and out-of-range spans without losing text', () => {
    const t = 'ABC';
    const segments = buildSegments(t, [
      { span: { start: 2, end: 2 }, kind: 'title' },
      { span: { start: 3, end: 1 }, kind: 'title' },
      { span: { start: -5, end: 1 }, kind: 'evidence' },
      { span: { start: 2, end: 99 }, kind: 'furniture' },
    ]);
    expect(segments.map((s) => t.slice(s.start, s.end)).join('')).toBe(t);
    expect(segments.map((s) => s.kinds.join('+'))).toEqual(['evidence', '', 'furniture']);
  });

  it('marks the run where an anchored highlight starts, and does not merge across it', () => {
    const t = 'AABB';
    const segments = buildSegments(t, [
      { span: { start: 0, end: 2 }, kind: 'heading1', anchor: 'one' },
      { span: { start: 2, end: 4 }, kind: 'heading1', anchor: 'two' },
    ]);
    expect(segments.map((s) => [t.slice(s.start, s.end), s.anchor])).toEqual([
      ['AA', 'one'],
      ['BB', 'two'],
    ]);
  });

  it('keeps spans aligned on CRLF text: offsets index the text as given', () => {
    const crlf = '标题\r\n发文字号:\r\n沪崇民〔2020〕10号\r\n正文';
    const start = crlf.indexOf('沪');
    const end = crlf.indexOf('号\r\n正') + 1;
    const [before, value, after] = buildSegments(crlf, [
      { span: { start, end }, kind: 'headerValue' },
    ]);
    expect(value && crlf.slice(value.start, value.end)).toBe('沪崇民〔2020〕10号');
    expect(before && displayText(crlf, before.start, before.end)).toBe('标题\n发文字号:\n');
    expect(after && displayText(crlf, after.start, after.end)).toBe('\n正文');
  });
});

describe('displayText', () => {
  it('shows CRLF and lone CR as one line break each, even when a boundary cuts a CRLF', () => {
    const t = 'a\r\nb\rc';
    expect(displayText(t, 0, t.length)).toBe('a\nb\nc');
    // A cut between \r and \n must not produce two breaks.
    expect(displayText(t, 0, 2) + displayText(t, 2, t.length)).toBe('a\nb\nc');
  });
});

import { memo, useMemo } from 'react';
import { buildSegments, displayText, type Highlight, type HighlightKind } from './segments';

/** Kinds drawn as <mark>: the clerk's eye should stop there. Furniture is dimmed, not marked. */
const MARKED: ReadonlySet<HighlightKind> = new Set<HighlightKind>([
  'headerLabel',
  'headerValue',
  'title',
  'addressee',
  'signature',
  'heading1',
  'heading2',
  'heading3',
  'attachment',
  'evidence',
]);

interface Props {
  readonly text: string;
  readonly highlights: readonly Highlight[];
  readonly label: string;
}

/**
 * The notice as text nodes only (never HTML), cut into runs at highlight boundaries. Anchored runs get
 * an id and tabIndex -1 so the outline can scroll to them and move focus there.
 */
export const NoticeText = memo(function NoticeText({ text, highlights, label }: Props) {
  const segments = useMemo(() => buildSegments(text, highlights), [text, highlights]);
  return (
    <article className="notice-text" aria-label={label} tabIndex={0} data-own-arrows>
      {segments.map((s) => {
        const content = displayText(text, s.start, s.end);
        if (s.kinds.length === 0) return content;
        const className = s.kinds.map((k) => `hl-${k}`).join(' ');
        const anchorProps =
          s.anchor === null ? {} : { id: s.anchor, tabIndex: -1, 'data-anchor': true };
        const Tag = s.kinds.some((k) => MARKED.has(k)) ? 'mark' : 'span';
        return (
          <Tag key={s.start} className={className} {...anchorProps}>
            {content}
          </Tag>
        );
      })}
    </article>
  );
});

import { memo } from 'react';
import type { OutlineEntry } from './highlights';

interface Props {
  readonly entries: readonly OutlineEntry[];
  readonly label: string;
  readonly emptyText: string;
  /** The heading above the sections of attachments (附件). */
  readonly attachmentLabel: string;
}

function jumpTo(anchor: string): void {
  const target = document.getElementById(anchor);
  if (!target) return;
  target.scrollIntoView({ block: 'start', behavior: 'smooth' });
  // preventScroll: the smooth scroll above already brings it into view; focus would jump instead.
  target.focus({ preventScroll: true });
}

function EntryList({ entries }: { readonly entries: readonly OutlineEntry[] }) {
  return (
    <ul>
      {entries.map((e) => (
        <li key={e.anchor} className={`outline-depth-${Math.min(e.depth, 3)}`}>
          <button type="button" className="outline-link" onClick={() => jumpTo(e.anchor)}>
            {e.label}
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * Title, sections and sub-points of the notice; a click scrolls the text there and focuses it.
 * Sections of attachments come last, under their own heading, so a clerk tells them from the notice's.
 */
export const Outline = memo(function Outline({
  entries,
  label,
  emptyText,
  attachmentLabel,
}: Props) {
  const own = entries.filter((e) => !e.inAttachment);
  const annexed = entries.filter((e) => e.inAttachment);
  return (
    <nav className="outline" aria-label={label}>
      <h3 className="panel-title">{label}</h3>
      {entries.length === 0 ? (
        <p className="muted">{emptyText}</p>
      ) : (
        <>
          {own.length > 0 ? <EntryList entries={own} /> : null}
          {annexed.length > 0 ? (
            <>
              <h4 className="outline-annex">{attachmentLabel}</h4>
              <EntryList entries={annexed} />
            </>
          ) : null}
        </>
      )}
    </nav>
  );
});

import { memo } from 'react';
import type { OutlineEntry } from './highlights';

interface Props {
  readonly entries: readonly OutlineEntry[];
  readonly label: string;
  readonly emptyText: string;
}

function jumpTo(anchor: string): void {
  const target = document.getElementById(anchor);
  if (!target) return;
  target.scrollIntoView({ block: 'start', behavior: 'smooth' });
  // preventScroll: the smooth scroll above already brings it into view; focus would jump instead.
  target.focus({ preventScroll: true });
}

/** Title, sections and sub-points of the notice; a click scrolls the text there and focuses it. */
export const Outline = memo(function Outline({ entries, label, emptyText }: Props) {
  return (
    <nav className="outline" aria-label={label}>
      <h3 className="panel-title">{label}</h3>
      {entries.length === 0 ? (
        <p className="muted">{emptyText}</p>
      ) : (
        <ul>
          {entries.map((e) => (
            <li key={e.anchor} className={`outline-depth-${Math.min(e.depth, 3)}`}>
              <button type="button" className="outline-link" onClick={() => jumpTo(e.anchor)}>
                {e.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
});

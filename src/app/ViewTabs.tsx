import type { KeyboardEvent } from 'react';
import { useT, type MessageKey } from '../ui/i18n/useT';

export type DeskView = 'desk' | 'learn' | 'audit' | 'team';

const VIEWS: readonly (readonly [DeskView, MessageKey])[] = [
  ['desk', 'viewDesk'],
  ['learn', 'viewLearn'],
  ['audit', 'viewAudit'],
  ['team', 'viewTeam'],
];

/** The desk's views as tabs; ←/→ move between them. */
export function ViewTabs({
  view,
  onChange,
}: {
  readonly view: DeskView;
  readonly onChange: (view: DeskView) => void;
}) {
  const t = useT();
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>): void {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const at = VIEWS.findIndex(([v]) => v === view);
    const next = VIEWS[(at + (e.key === 'ArrowRight' ? 1 : VIEWS.length - 1)) % VIEWS.length];
    if (next) {
      onChange(next[0]);
      document.getElementById(`view-tab-${next[0]}`)?.focus();
    }
  }
  return (
    // In a landmark of its own, so every part of the page is in one (axe: region).
    <nav aria-label={t('views')}>
      <div className="view-tabs" role="tablist" aria-label={t('views')} onKeyDown={onKeyDown}>
        {VIEWS.map(([v, key]) => (
          <button
            key={v}
            id={`view-tab-${v}`}
            type="button"
            role="tab"
            aria-selected={view === v}
            tabIndex={view === v ? 0 : -1}
            onClick={() => onChange(v)}
          >
            {t(key)}
          </button>
        ))}
      </div>
    </nav>
  );
}

import { useEffect, useRef } from 'react';
import { useT, type MessageKey } from '../ui/i18n/useT';
import { SHORTCUT_LEGEND, type ShortcutAction } from './shortcuts';

const DESCRIPTIONS: ReadonlyMap<ShortcutAction['type'], MessageKey> = new Map([
  ['take', 'keyTake'],
  ['confirm', 'keyConfirm'],
  ['openPicker', 'keyOpenPicker'],
  ['undo', 'keyUndo'],
  ['next', 'keyNext'],
  ['previous', 'keyPrevious'],
  ['toggleEvidence', 'keyToggleEvidence'],
  ['help', 'keyHelp'],
  ['toDocument', 'keyToDocument'],
] as const);

function LegendItems() {
  const t = useT();
  return (
    <>
      {SHORTCUT_LEGEND.map((entry) => {
        const description = DESCRIPTIONS.get(entry.action);
        return (
          <li key={entry.action}>
            {entry.keys.map((k) => (
              <kbd key={k} className="key">
                {k}
              </kbd>
            ))}
            <span>{description ? t(description) : entry.action}</span>
          </li>
        );
      })}
    </>
  );
}

/** Always-visible key legend at the foot of the desk. */
export function ShortcutFooter() {
  const t = useT();
  return (
    <footer className="app-footer" aria-label={t('shortcuts')}>
      <ul className="legend">
        <LegendItems />
      </ul>
    </footer>
  );
}

/** The same legend as a dialog, opened with ? or the header's help button. */
export function ShortcutDialog({
  open,
  onClose,
}: {
  readonly open: boolean;
  readonly onClose: () => void;
}) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="help-dialog" aria-label={t('help')} onClose={onClose}>
      <h2>{t('help')}</h2>
      <ul className="legend legend-vertical">
        <LegendItems />
      </ul>
      <button type="button" onClick={onClose} autoFocus>
        {t('close')}
      </button>
    </dialog>
  );
}

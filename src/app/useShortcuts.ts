import { useEffect, type RefObject } from 'react';
import type { ReviewHandle } from '../features/review/ReviewPane';
import { useDeskStore } from '../store';
import { focusAfter } from '../ui/focus';
import { shortcutFor } from './shortcuts';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    // Checkboxes and radios take no text: the desk's keys still work there.
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
  }
  return false;
}

function isControl(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    target.closest('button, a[href], summary, input, [role="button"], tr[tabindex]') !== null
  );
}

/** One keydown listener for the desk; actions on the notice go through the review pane's handle. */
export function useShortcuts(
  review: RefObject<ReviewHandle | null>,
  onHelp: () => void,
  enabled: boolean,
): void {
  const store = useDeskStore();
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.isComposing) return;
      // A modal dialog (the help) owns the keyboard while open.
      if (document.querySelector('dialog[open]')) return;
      const action = shortcutFor({
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        typing: isTyping(e.target),
        onControl: isControl(e.target),
      });
      if (!action) return;
      // Arrows keep scrolling the notice text when it has focus.
      const inText = e.target instanceof HTMLElement && e.target.closest('[data-own-arrows]');
      if (inText && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) return;
      e.preventDefault();
      const desk = store.getState();
      switch (action.type) {
        case 'take':
          review.current?.take(action.index);
          break;
        case 'confirm':
          review.current?.confirm();
          break;
        case 'openPicker':
          review.current?.openPicker();
          break;
        case 'toggleEvidence':
          review.current?.toggleEvidence();
          break;
        case 'undo':
          desk.undo();
          break;
        case 'next':
          desk.selectNext();
          break;
        case 'previous':
          desk.selectPrevious();
          break;
        case 'help':
          onHelp();
          break;
        case 'toDocument':
          focusAfter('escape');
          break;
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [review, onHelp, enabled, store]);
}

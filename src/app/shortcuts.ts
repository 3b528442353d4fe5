/**
 * The desk's keyboard map, as a pure function from a key press to an action, so it can be tested and
 * listed in the legend from one table.
 */
export type ShortcutAction =
  | { readonly type: 'take'; readonly index: 0 | 1 | 2 } // take suggestion 1–3 and move on
  | { readonly type: 'confirm' } // confirm the chosen path (else suggestion 1) and move on
  | { readonly type: 'openPicker' }
  | { readonly type: 'undo' }
  | { readonly type: 'next' }
  | { readonly type: 'previous' }
  | { readonly type: 'toggleEvidence' }
  | { readonly type: 'help' }
  | { readonly type: 'toDocument' }; // leave a text field, list or row for the document view

export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  /** True when the key goes to a text field, a select or an editable element: the clerk is typing. */
  readonly typing: boolean;
  /** True when focus is on a button/link/checkbox, where Enter and Space already mean "press this". */
  readonly onControl: boolean;
}

/** Returns the action for a key press, or null when the desk should let the browser handle it. */
export function shortcutFor(press: KeyPress): ShortcutAction | null {
  // Esc is the way out of the paste box or the search field, so it works while typing too.
  if (press.key === 'Escape' && !press.ctrlKey && !press.metaKey && !press.altKey) {
    return { type: 'toDocument' };
  }
  if (press.typing || press.altKey) return null;
  const modified = press.ctrlKey || press.metaKey;
  if (modified) {
    return press.key === 'z' || press.key === 'Z' ? { type: 'undo' } : null;
  }
  switch (press.key) {
    case '1':
      return { type: 'take', index: 0 };
    case '2':
      return { type: 'take', index: 1 };
    case '3':
      return { type: 'take', index: 2 };
    case 'Enter':
      return press.onControl ? null : { type: 'confirm' };
    case '/':
    case 'p':
      return { type: 'openPicker' };
    case 'u':
    case 'z':
      return { type: 'undo' };
    case 'j':
    case 'ArrowDown':
      return { type: 'next' };
    case 'k':
    case 'ArrowUp':
      return { type: 'previous' };
    case 'e':
      return { type: 'toggleEvidence' };
    case '?':
      return { type: 'help' };
    default:
      return null;
  }
}

export interface LegendEntry {
  readonly keys: readonly string[];
  readonly action: ShortcutAction['type'];
}

/** What the legend shows; kept next to shortcutFor so the two cannot drift apart unnoticed. */
export const SHORTCUT_LEGEND: readonly LegendEntry[] = [
  { keys: ['1', '2', '3'], action: 'take' },
  { keys: ['Enter'], action: 'confirm' },
  { keys: ['/', 'p'], action: 'openPicker' },
  { keys: ['u', 'z', 'Ctrl+Z'], action: 'undo' },
  { keys: ['j', '↓'], action: 'next' },
  { keys: ['k', '↑'], action: 'previous' },
  { keys: ['e'], action: 'toggleEvidence' },
  { keys: ['?'], action: 'help' },
  { keys: ['Esc'], action: 'toDocument' },
];

/**
 * Where the keyboard focus goes after each thing a clerk does, decided here and nowhere else.
 *
 * The desk's shortcuts (1/2/3, Enter, arrows, undo) act on the notice shown in the document view, so
 * after every way of adding or choosing a notice the focus lands there: never left on the hidden file
 * input (Space would reopen the file dialog), in the paste box (keys would be typed), or on a queue
 * row (Enter would only select it again). Features report what happened; this module moves the focus.
 */

/** The element that holds the focus when the clerk works on the shown notice. */
export const DOCUMENT_VIEW_ID = 'document-view';
/** The paste box, where a refused paste is fixed. */
export const PASTE_BOX_ID = 'paste-box';

export type FocusEvent =
  /** Files chosen in the file dialog, or dropped on the page. */
  | 'filesChosen'
  /** A pasted notice was added (or found to be there already). */
  | 'pasteAdded'
  /** A paste was refused or held back: the clerk fixes the text in the paste box. */
  | 'pasteRefused'
  /** A notice was chosen in the queue, by click or by Enter on its row. */
  | 'rowChosen'
  /** A notice was decided (suggestion, picker or confirm) and the desk moved on. */
  | 'decided'
  /** The topic picker's list was left without deciding. */
  | 'pickerLeft'
  /** A dialog (the key legend) was closed. */
  | 'dialogClosed'
  /** Esc outside an open list or dialog. */
  | 'escape';

type FocusTarget = typeof DOCUMENT_VIEW_ID | typeof PASTE_BOX_ID;

const FOCUS_AFTER: Readonly<Record<FocusEvent, FocusTarget>> = {
  filesChosen: DOCUMENT_VIEW_ID,
  pasteAdded: DOCUMENT_VIEW_ID,
  pasteRefused: PASTE_BOX_ID,
  rowChosen: DOCUMENT_VIEW_ID,
  decided: DOCUMENT_VIEW_ID,
  pickerLeft: DOCUMENT_VIEW_ID,
  dialogClosed: DOCUMENT_VIEW_ID,
  escape: DOCUMENT_VIEW_ID,
};

/** Moves the focus where a clerk expects it after `event`. */
export function focusAfter(event: FocusEvent): void {
  const id = FOCUS_AFTER[event];
  const target = document.getElementById(id);
  // Another view (learn, audit) may be shown: the desk is focused once it is back on screen.
  if (target) target.focus({ preventScroll: true });
  else requestAnimationFrame(() => document.getElementById(id)?.focus());
}

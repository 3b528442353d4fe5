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

export type FocusEvent =
  /** Files chosen in the file dialog, or dropped on the page. */
  | 'filesChosen'
  /** A pasted notice was added (or found to be there already). */
  | 'pasteAdded'
  /** A paste was refused: the clerk fixes the text where it is. */
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

type FocusTarget = 'documentView' | 'stay';

const FOCUS_AFTER: Readonly<Record<FocusEvent, FocusTarget>> = {
  filesChosen: 'documentView',
  pasteAdded: 'documentView',
  pasteRefused: 'stay',
  rowChosen: 'documentView',
  decided: 'documentView',
  pickerLeft: 'documentView',
  dialogClosed: 'documentView',
  escape: 'documentView',
};

function focusDocumentView(): void {
  const view = document.getElementById(DOCUMENT_VIEW_ID);
  // Another view (learn, audit) may be shown: the desk is focused once it is back on screen.
  if (view) view.focus({ preventScroll: true });
  else requestAnimationFrame(() => document.getElementById(DOCUMENT_VIEW_ID)?.focus());
}

/** Moves the focus where a clerk expects it after `event`. */
export function focusAfter(event: FocusEvent): void {
  if (FOCUS_AFTER[event] === 'documentView') focusDocumentView();
}

/** What a paste must be before it becomes a notice on the desk. */
import { message, type Message } from '../message';
import { MAX_NOTICE_BYTES } from './decode';

export type PasteCheck =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: Message };

/** A paste of more characters than this is not one notice (it would be 5 MB in UTF-8 at least). */
export const MAX_PASTE_CHARS = MAX_NOTICE_BYTES / 3;

export function checkPaste(text: string): PasteCheck {
  if (text.trim() === '') {
    return { ok: false, reason: message('pasteEmpty') };
  }
  if (text.length > MAX_PASTE_CHARS) {
    return {
      ok: false,
      reason: message('pasteTooLong', { length: text.length, limit: MAX_PASTE_CHARS }),
    };
  }
  return { ok: true, text };
}

/**
 * What the desk tells the clerk, as data: a catalogue code and the values it names. The domain, the
 * store and the adapters return messages; the UI words them in Chinese or English (src/ui/i18n), so
 * no sentence is written below the UI and every one can be switched to English.
 */

/** Values a message names; a value may itself be a message (a reason inside a sentence). */
export type MessageParams = Readonly<Record<string, string | number | Message>>;

export interface Message<Code extends string = string> {
  readonly code: Code;
  readonly params?: MessageParams;
}

export function message<Code extends string>(code: Code, params?: MessageParams): Message<Code> {
  return params === undefined ? { code } : { code, params };
}

/** An unexpected error as a message: its own text, shown as a detail. */
export function detailOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

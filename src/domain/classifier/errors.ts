import type { Message } from '../message';

/**
 * A model (or prior) file the classifier cannot use. `reason` is a catalogue message the desk words
 * for the clerk; the Error's own message is its code and fields, for logs and the CLI.
 */
export class ModelError extends Error {
  readonly reason: Message;

  constructor(reason: Message) {
    super(`${reason.code} ${JSON.stringify(reason.params ?? {})}`);
    this.name = 'ModelError';
    this.reason = reason;
  }
}

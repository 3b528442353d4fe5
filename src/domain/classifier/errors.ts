/** A model (or prior) file the classifier cannot use; the message is shown to the clerk as is. */
export class ModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelError';
  }
}

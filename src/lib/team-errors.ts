/**
 * How a team server request fails, apart from the client so that the store can tell the two cases
 * apart without loading the client (it is a chunk of its own).
 */
/** The server answered with an error (its message is in Chinese). */
export class TeamApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, text: string) {
    super(text);
    this.status = status;
    this.code = code;
  }
}

/** No answer at all: offline, or the server is down. The request may be resent unchanged. */
export class TeamUnreachable extends Error {}

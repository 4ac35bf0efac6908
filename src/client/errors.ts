// The one error type the room client throws and emits: a machine-readable `code` (the server's
// own codes, e.g. `forbidden`, plus the client's, e.g. `timeout`) and a message a user can act on.
import type { SignalingError } from '../protocol/signaling.ts';

export class ClientError extends Error implements SignalingError {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ClientError';
    this.code = code;
  }

  /** Wraps anything thrown (a DOMException from getUserMedia, a TypeError from fetch) as one. */
  static from(error: unknown, code: string, context: string): ClientError {
    if (error instanceof ClientError) return error;
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return new ClientError(code, `${context} (${detail})`, { cause: error });
  }

  /** The plain `{code, message}` shape the store and events carry. */
  toJSON(): SignalingError {
    return { code: this.code, message: this.message };
  }
}

/**
 * Surfaces an exception thrown by a listener without breaking the loop that called it: the
 * other listeners still run, and the error still reaches the page's error reporting.
 */
export function reportListenerError(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}

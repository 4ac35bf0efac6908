// The client's errors. It throws and emits ConveneError, the one error type of the project
// (src/protocol/errors.ts: a `code`, a message a user can act on); it is re-exported here so
// that the client's modules, the elements and apps take it from the client, never the wire.
import type { ErrorShape } from '../protocol/errors.ts';

export { ConveneError, type ErrorShape } from '../protocol/errors.ts';

/**
 * Surfaces an exception thrown by a listener without breaking the loop that called it: the
 * other listeners still run, and the error still reaches the page's error reporting.
 */
/**
 * The store's error for a removal by the server: its code is the reason in snake_case
 * (`peer removed` is `peer_removed`), as every other code is.
 */
export function removalError(reason: string, message: string): ErrorShape {
  return { code: reason.replace(/\W+/g, '_'), message };
}

export function reportListenerError(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}

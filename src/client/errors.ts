// The client's errors. It throws and emits ConveneError, the one error type of the project
// (src/protocol/errors.ts: a `code`, a message a user can act on); it is re-exported here so
// that the client's modules, the elements and apps take it from the client, never the wire.
export { ConveneError, type ErrorShape } from '../protocol/errors.ts';

/**
 * Surfaces an exception thrown by a listener without breaking the loop that called it: the
 * other listeners still run, and the error still reaches the page's error reporting.
 */
export function reportListenerError(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}

// Timers and event listeners run outside any request: a throw there would reach the process as
// an uncaught exception and end every room on the server. Wrapped in `contained`, it is logged
// and only that callback's work is lost.
import type { FastifyBaseLogger } from 'fastify';

export function contained<A extends unknown[]>(
  log: FastifyBaseLogger,
  what: string,
  callback: (...args: A) => void,
): (...args: A) => void {
  return (...args) => {
    try {
      callback(...args);
    } catch (error) {
      log.error({ err: error }, `${what} failed`);
    }
  };
}

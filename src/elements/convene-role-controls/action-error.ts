// A failed client call as the error shape elements show and fire (convene-error): the client
// rejects with ConveneError ({code, message}); anything else becomes an `action_failed`.
import type { ErrorShape } from '../../client/room-state.ts';

export function errorShapeOf(error: unknown): ErrorShape {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return {
    code: typeof code === 'string' ? code : 'action_failed',
    message: typeof message === 'string' && message ? message : String(error),
  };
}

// The one error type of Convene, on both sides of the wire: a machine-readable `code` (e.g.
// `room_not_found`, `forbidden`, `timeout`) and a message a person can act on. Auth and the rooms
// throw it; the REST layer turns its `kind` into an HTTP status, the signaling layer sends
// `{code, message}` in its error reply, and the room client throws and emits it.

/** What sort of refusal it is: the REST layer maps each to one HTTP status. */
export type ErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'rate_limited'
  | 'upgrade_required'
  | 'unavailable';

/** The plain shape errors travel in: signaling replies, store state, element events. */
export interface ErrorShape {
  code: string;
  message: string;
  /** On `rate_limited` refusals: how long to wait before asking again. */
  retryAfterMs?: number;
}

export interface ConveneErrorOptions {
  /** Set for refusals of what a caller asked; an error without a kind is the server's own fault. */
  kind?: ErrorKind;
  cause?: unknown;
  retryAfterMs?: number;
}

export class ConveneError extends Error implements ErrorShape {
  readonly code: string;
  readonly kind: ErrorKind | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(code: string, message: string, options: ConveneErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConveneError';
    this.code = code;
    this.kind = options.kind;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** Wraps anything thrown (a DOMException from getUserMedia, a TypeError from fetch) as one. */
  static from(error: unknown, code: string, context: string): ConveneError {
    if (error instanceof ConveneError) return error;
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return new ConveneError(code, `${context} (${detail})`, { cause: error });
  }

  /** The plain `{code, message}` shape. */
  toJSON(): ErrorShape {
    const shape: ErrorShape = { code: this.code, message: this.message };
    if (this.retryAfterMs !== undefined) shape.retryAfterMs = this.retryAfterMs;
    return shape;
  }
}

// Refusals, by kind. The code defaults to the kind's own name; pass a finer one where a caller
// can act on the difference (`room_not_found` vs `template_not_found`).
export const invalid = (message: string, code = 'invalid_request') =>
  new ConveneError(code, message, { kind: 'invalid' });
export const unauthorized = (message: string, code = 'unauthorized') =>
  new ConveneError(code, message, { kind: 'unauthorized' });
export const forbidden = (message: string, code = 'forbidden') =>
  new ConveneError(code, message, { kind: 'forbidden' });
export const notFound = (message: string, code = 'not_found') =>
  new ConveneError(code, message, { kind: 'not_found' });
export const unavailable = (message: string, code = 'unavailable') =>
  new ConveneError(code, message, { kind: 'unavailable' });
export const conflict = (message: string, code = 'conflict') =>
  new ConveneError(code, message, { kind: 'conflict' });
export const rateLimited = (message: string, retryAfterMs: number, code = 'rate_limited') =>
  new ConveneError(code, message, { kind: 'rate_limited', retryAfterMs: Math.ceil(retryAfterMs) });

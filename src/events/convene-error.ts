// convene-error: something the user asked for failed (a join, a reconnect, a refused action).
import type { ErrorShape } from '../client/room-state.ts';

/** `code` is machine-readable (`forbidden`, `invalid_request`, `join_failed`, ...). */
export type ConveneErrorDetail = ErrorShape;

/** Fired by <convene-room> when joining, reconnecting or an action fails. */
export class ConveneErrorEvent extends CustomEvent<ConveneErrorDetail> {
  static readonly type = 'convene-error';
  constructor(detail: ConveneErrorDetail) {
    super(ConveneErrorEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'convene-error': ConveneErrorEvent;
  }
}

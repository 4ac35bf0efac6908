// convene-page-change: the user turned a page of tiles (never fired when code sets `page`).
export interface ConvenePageChangeDetail {
  /** The page now shown, counted from 1. */
  page: number;
  /** How many pages there are now. */
  pageCount: number;
}

/**
 * Fired by <convene-grid> and <convene-pagination> when the user turns the page with a button, a
 * key or a swipe.
 */
export class ConvenePageChangeEvent extends CustomEvent<ConvenePageChangeDetail> {
  static readonly type = 'convene-page-change';
  constructor(detail: ConvenePageChangeDetail) {
    super(ConvenePageChangeEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'convene-page-change': ConvenePageChangeEvent;
  }
}

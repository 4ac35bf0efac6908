// convene-panel-toggle: the user asked to open or close a side panel (chat, participants).

/** The side panels a control bar can ask for. */
export type ConvenePanel = 'chat' | 'participants';

export interface ConvenePanelToggleDetail {
  /** Which panel. */
  panel: ConvenePanel;
  /** True to open it (it was not the open panel), false to close it (it was). */
  open: boolean;
}

/**
 * Fired by <convene-controls> when the Chat or Participants button is pressed. The controls open
 * nothing themselves: the page shows or hides the panel and sets `openPanel` to match.
 */
export class ConvenePanelToggleEvent extends CustomEvent<ConvenePanelToggleDetail> {
  static readonly type = 'convene-panel-toggle';
  constructor(detail: ConvenePanelToggleDetail) {
    super(ConvenePanelToggleEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'convene-panel-toggle': ConvenePanelToggleEvent;
  }
}

// convene-role-changed: my role in the room changed (a host moved me to another one).
export interface ConveneRoleChangedDetail {
  /** The name of my role now. */
  role: string;
}

/** Fired by <convene-meeting> when my role changes during the call (not for the role I join with). */
export class ConveneRoleChangedEvent extends CustomEvent<ConveneRoleChangedDetail> {
  static readonly type = 'convene-role-changed';
  constructor(detail: ConveneRoleChangedDetail) {
    super(ConveneRoleChangedEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'convene-role-changed': ConveneRoleChangedEvent;
  }
}

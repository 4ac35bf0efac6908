// Re-dispatches the room client's events from <convene-room> as convene-* events (bubbling,
// composed), listening only while the room is in the document.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RoomClientApi, RoomClientEventMap } from '../../client/room-state.ts';
import { ConveneErrorEvent } from '../../events/convene-error.ts';
import { ConveneJoinedEvent } from '../../events/convene-joined.ts';
import { ConveneLeftEvent } from '../../events/convene-left.ts';
import { ConveneReconnectedEvent } from '../../events/convene-reconnected.ts';
import { ConveneReconnectingEvent } from '../../events/convene-reconnecting.ts';

type ClientEventName = keyof RoomClientEventMap;
type Detail<K extends ClientEventName> = RoomClientEventMap[K]['detail'];

const FORWARDS: { [K in ClientEventName]: (detail: Detail<K>) => Event } = {
  joined: (detail) => new ConveneJoinedEvent(detail),
  left: (detail) => new ConveneLeftEvent(detail),
  error: (detail) => new ConveneErrorEvent(detail),
  reconnecting: (detail) => new ConveneReconnectingEvent(detail),
  reconnected: (detail) => new ConveneReconnectedEvent(detail),
};

export class RoomClientEventsController implements ReactiveController {
  /** How many convene-error events were forwarded, so a failed join is not reported twice. */
  errorCount = 0;

  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly client: () => RoomClientApi | undefined;
  private bound: RoomClientApi | undefined;
  private connected = false;
  private readonly listener = (event: Event) => {
    const name = event.type as ClientEventName;
    const forward = FORWARDS[name] as (detail: unknown) => Event;
    if (name === 'error') this.errorCount++;
    this.host.dispatchEvent(forward((event as CustomEvent).detail));
  };

  constructor(host: ReactiveControllerHost & HTMLElement, client: () => RoomClientApi | undefined) {
    this.host = host;
    this.client = client;
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.bind(this.client());
  }

  hostUpdate(): void {
    if (this.connected && this.client() !== this.bound) this.bind(this.client());
  }

  hostDisconnected(): void {
    this.connected = false;
    this.bind(undefined);
  }

  private bind(client: RoomClientApi | undefined): void {
    for (const name of Object.keys(FORWARDS)) {
      this.bound?.removeEventListener(name, this.listener);
      client?.addEventListener(name, this.listener);
    }
    this.bound = client;
  }
}

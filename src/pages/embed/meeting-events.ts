// The frame's events are <convene-meeting>'s own: each of ELEMENT_EVENTS is heard on the meeting
// and handed to `emit` with its detail as the payload, nothing derived here. stop() stops all.
import type { ConveneMeeting } from '../../elements/convene-meeting/convene-meeting.ts';
import { ELEMENT_EVENTS, type EmbedEventName, type EmbedEvents } from '../../embed/contract.ts';

export type EmitEmbedEvent = <K extends EmbedEventName>(name: K, payload: EmbedEvents[K]) => void;

export class MeetingEvents {
  readonly #stops: (() => void)[] = [];

  constructor(meeting: ConveneMeeting, emit: EmitEmbedEvent) {
    for (const [name, type] of Object.entries(ELEMENT_EVENTS)) {
      const listener = (event: Event) =>
        emit(name as EmbedEventName, (event as CustomEvent<never>).detail);
      meeting.addEventListener(type, listener);
      this.#stops.push(() => meeting.removeEventListener(type, listener));
    }
  }

  stop(): void {
    for (const stop of this.#stops.splice(0)) stop();
  }
}

// <convene-audio-renderer>: plays every remote peer's microphone and screen audio through one
// hidden <audio> element per track, whatever the grid shows.
import { ContextConsumer } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { RoomClientApi } from '../../client/room-state.ts';
import { selectRemoteAudioTracks } from '../../client/room-store.ts';
import { roomClientContext } from '../../context.ts';
import { MediaAttachmentController } from '../../controllers/media-attachment-controller.ts';
import { StoreController, shallowEqual } from '../../controllers/store-controller.ts';

/**
 * @summary Plays the room's remote audio; renders nothing visible.
 *
 * <convene-room> holds one, so audio plays for every remote peer, on a page or not. Our own
 * microphone is never played back.
 */
export class ConveneAudioRenderer extends LitElement {
  static override styles = css`
    :host {
      display: none;
    }
  `;

  private readonly roomClient = new ContextConsumer(this, {
    context: roomClientContext,
    subscribe: true,
  });
  private readonly tracks = new StoreController(this, {
    store: () => (this.client ?? this.roomClient.value)?.store,
    select: selectRemoteAudioTracks,
    equals: shallowEqual,
  });
  private readonly media = new MediaAttachmentController(this);

  /** The room client; defaults to the nearest <convene-room>'s. */
  @property({ attribute: false }) client?: RoomClientApi;

  protected override updated(): void {
    const tracks = new Map(this.tracks.value.map((track) => [track.id, track]));
    this.media.sync(
      [...this.renderRoot.querySelectorAll('audio')].map(
        (audio) => [audio, tracks.get(audio.dataset.trackId ?? '') ?? null] as const,
      ),
    );
  }

  override render() {
    return repeat(
      this.tracks.value,
      (track) => track.id,
      (track) => html`<audio autoplay data-track-id=${track.id}></audio>`,
    );
  }
}

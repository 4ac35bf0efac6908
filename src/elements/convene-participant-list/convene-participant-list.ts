// <convene-participant-list>: everyone in the room, grouped by role, raised hands first, with a
// name search, "Mute all" per role, and each other peer's <convene-role-controls>. The list holds
// the only store subscription and hands every row its data, so 50+ peers stay cheap.
import { ContextConsumer } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { Hand, Mic, MicOff, Video, VideoOff } from 'lucide';
import { selectCan } from '../../client/room-actions.ts';
import type { RoomActionAbilities } from '../../client/room-actions.ts';
import type { ErrorShape, PeerState, RoomClientApi, RoomState } from '../../client/room-state.ts';
import { roomClientContext } from '../../context.ts';
import { StoreController, shallowEqual } from '../../controllers/store-controller.ts';
import { ConveneErrorEvent } from '../../events/convene-error.ts';
import { componentStyles } from '../../styles/component.styles.ts';
import { qualityBarStyles, qualityBars } from '../connection-quality.ts';
import { icon } from '../../styles/icons.ts';
import { errorShapeOf } from '../convene-role-controls/action-error.ts';
import { LocalizeController } from '../i18n/localize.ts';
import styles from './convene-participant-list.styles.ts';
import { groupParticipants } from './participant-groups.ts';
import type { ParticipantGroup, Participants } from './participant-groups.ts';
import { STRINGS } from './strings.ts';

interface PeopleSlice {
  peers: RoomState['peers'];
  peerOrder: RoomState['peerOrder'];
  roles: RoomState['roles'];
  can: RoomActionAbilities;
}

const selectPeople = (state: RoomState): PeopleSlice => ({
  peers: state.peers,
  peerOrder: state.peerOrder,
  roles: state.roles,
  can: selectCan(state),
});

/** Whether a role's abilities give a row anything to offer. */
function actsOnOthers(can: RoomActionAbilities): boolean {
  return can.mute || can.requestUnmute || can.changeRole || can.removePeer;
}

/**
 * @summary Everyone in the room, by role, with search, hands first and the host's actions.
 *
 * Groups follow the room's role order (a role the room has not announced comes last); within a
 * group raised hands come first, then join order. The search keeps peers whose name contains it,
 * ignoring case and accents. Each other peer's row holds a <convene-role-controls> with the
 * actions the viewer's role permits, and a role allowed to mute gets "Mute all" per group
 * (confirmed first). A refused action is shown (role="alert") and fired as `convene-error`.
 *
 * @event convene-error - "Mute all" failed or was refused. `detail: { code, message }`.
 *
 * @csspart base - The whole list, a labelled region.
 * @csspart header - Title and raised-hands count.
 * @csspart title - "Participants (N)".
 * @csspart raised-hands - "Raised hands: N" (only while some are raised).
 * @csspart search - The search field.
 * @csspart search-label - The search field's label.
 * @csspart group - Each role's section.
 * @csspart group-heading - A section's heading: the role and how many have it.
 * @csspart peers - A section's list of peers.
 * @csspart mute-all - A group's "Mute all" button.
 * @csspart peer - Each row.
 * @csspart hand-raised - A row whose peer has a hand raised.
 * @csspart local - The local peer's row.
 * @csspart peer-name - The name, "(you)" added for the local peer.
 * @csspart peer-role - The peer's role.
 * @csspart hand - The raised-hand indicator.
 * @csspart microphone - The microphone indicator.
 * @csspart camera - The camera indicator.
 * @csspart quality - The connection quality (five bars), when measured.
 * @csspart controls - Each row's <convene-role-controls>, whose parts are exported:
 * @csspart controls-trigger - A row's actions menu button.
 * @csspart controls-menu - A row's actions menu.
 * @csspart controls-menu-item - Each action in a row's menu.
 * @csspart empty - Shown when the search keeps nobody.
 * @csspart status - Announces what "Mute all" did.
 * @csspart error - The last failure, with a dismiss button.
 * @csspart icon - The icons (raised hand, microphone, camera).
 * @csspart dialog - The "Mute all" confirmation.
 * @csspart dialog-button - The confirmation's buttons.
 * @csspart confirm - The confirmation's Mute all button.
 *
 * @cssproperty --convene-color-danger - Muted indicators and errors.
 * @cssproperty --convene-color-accent - The raised hand.
 * @cssproperty --convene-space-2 - The space between rows.
 */
export class ConveneParticipantList extends LitElement {
  static override styles = [componentStyles, qualityBarStyles, styles];

  readonly #t = new LocalizeController(this, STRINGS);

  private readonly roomClient = new ContextConsumer(this, {
    context: roomClientContext,
    subscribe: true,
  });
  private readonly people = new StoreController(this, {
    store: () => this.activeClient?.store,
    select: selectPeople,
    equals: shallowEqual,
  });

  /** The name search; set by the search field, or by the page. */
  @property() search = '';

  /** The room client; defaults to the nearest <convene-room>'s. */
  @property({ attribute: false }) client?: RoomClientApi;

  @state() private error: ErrorShape | undefined;
  @state() private status = '';
  @state() private confirming: string | undefined;

  @query('dialog') private readonly dialog!: HTMLDialogElement | null;

  #participants: Participants = { groups: [], total: 0, raisedHands: 0, shown: 0 };
  #returnFocus: HTMLElement | undefined;

  private get activeClient(): RoomClientApi | undefined {
    return this.client ?? this.roomClient.value;
  }

  protected override willUpdate(): void {
    this.#participants = groupParticipants(this.people.value, this.search);
  }

  private onSearch(event: Event): void {
    this.search = (event.target as HTMLInputElement).value;
  }

  private askMuteAll(role: string, event: Event): void {
    this.#returnFocus = event.currentTarget as HTMLElement;
    this.confirming = role;
    this.dialog?.showModal();
  }

  private onDialogClose(): void {
    this.confirming = undefined;
    this.#returnFocus?.focus();
  }

  private async muteAll(): Promise<void> {
    const role = this.confirming;
    this.dialog?.close();
    const client = this.activeClient;
    if (!role || !client) return;
    try {
      const count = await client.actions.muteRole(role);
      this.error = undefined;
      this.status = this.#t.t('muted', { count, role });
    } catch (error) {
      this.status = '';
      this.error = errorShapeOf(error);
      this.dispatchEvent(new ConveneErrorEvent(this.error));
    }
  }

  private renderIndicators(peer: PeerState) {
    const t = this.#t;
    const mic = peer.tracks.microphone;
    const camera = peer.tracks.camera;
    const micOn = Boolean(mic && !mic.muted);
    const cameraOn = Boolean(camera && !camera.muted);
    const quality = peer.connectionQuality;
    return html`${
        peer.handRaised
          ? html`<span part="hand" class="indicator hand"
              >${icon(Hand)}<span class="visually-hidden">${t.t('handRaised')}</span></span
            >`
          : nothing
      }
      <span part="microphone" class="indicator ${micOn ? 'on' : 'off'}"
        >${icon(micOn ? Mic : MicOff)}<span class="visually-hidden"
          >${t.t(micOn ? 'microphoneOn' : 'microphoneOff')}</span
        ></span
      >
      <span part="camera" class="indicator ${cameraOn ? 'on' : 'off'}"
        >${icon(cameraOn ? Video : VideoOff)}<span class="visually-hidden"
          >${t.t(cameraOn ? 'cameraOn' : 'cameraOff')}</span
        ></span
      >
      ${quality === undefined ? nothing : qualityBars(quality, t.t('quality', { quality }))}`;
  }

  private renderPeer(peer: PeerState, slice: PeopleSlice, controls: boolean) {
    const name = peer.isLocal ? this.#t.t('you', { name: peer.name }) : peer.name;
    const parts = ['peer', peer.handRaised ? 'hand-raised' : '', peer.isLocal ? 'local' : '']
      .filter(Boolean)
      .join(' ');
    return html`<li part=${parts} class="peer" data-peer-id=${peer.id}>
      <span class="who">
        <span part="peer-name" class="name">${name}</span>
        <span part="peer-role" class="role">${peer.role}</span>
      </span>
      <span class="indicators">${this.renderIndicators(peer)}</span>
      ${
        controls && !peer.isLocal
          ? html`<convene-role-controls
              part="controls"
              exportparts="trigger: controls-trigger, menu: controls-menu, menu-item: controls-menu-item"
              .peerId=${peer.id}
              .peer=${peer}
              .roles=${slice.roles}
              .can=${slice.can}
              .client=${this.activeClient}
            ></convene-role-controls>`
          : nothing
      }
    </li>`;
  }

  private renderGroup(group: ParticipantGroup, index: number, slice: PeopleSlice) {
    const t = this.#t;
    const headingId = `group-${index}`;
    const canMuteAll = slice.can.mute && group.peers.some((peer) => !peer.isLocal);
    return html`<section part="group" class="group" aria-labelledby=${headingId}>
      <div class="group-header">
        <h3 part="group-heading" id=${headingId}>
          ${t.t('group', { role: group.role, count: group.peers.length })}
        </h3>
        ${
          canMuteAll
            ? html`<button
                part="mute-all"
                class="mute-all"
                type="button"
                aria-label=${t.t('muteAllIn', { role: group.role })}
                @click=${(event: Event) => this.askMuteAll(group.role, event)}
              >
                ${t.t('muteAll')}
              </button>`
            : nothing
        }
      </div>
      <ul part="peers" class="peers">
        ${repeat(
          group.peers,
          (peer) => peer.id,
          (peer) => this.renderPeer(peer, slice, actsOnOthers(slice.can)),
        )}
      </ul>
    </section>`;
  }

  private renderDialog() {
    const t = this.#t;
    const role = this.confirming ?? '';
    return html`<dialog
      part="dialog"
      aria-labelledby="mute-all-title"
      aria-describedby="mute-all-explanation"
      @close=${this.onDialogClose}
    >
      <h2 id="mute-all-title">${t.t('muteAllTitle', { role })}</h2>
      <p id="mute-all-explanation">${t.t('muteAllExplanation')}</p>
      <div class="dialog-buttons">
        <button
          part="dialog-button"
          type="button"
          class="cancel"
          @click=${() => this.dialog?.close()}
        >
          ${t.t('cancel')}
        </button>
        <button part="dialog-button confirm" type="button" class="confirm" @click=${this.muteAll}>
          ${t.t('muteAll')}
        </button>
      </div>
    </dialog>`;
  }

  override render() {
    const t = this.#t;
    const slice = this.people.value;
    const { groups, total, raisedHands, shown } = this.#participants;
    return html`<section part="base" class="base" aria-labelledby="title">
      <div part="header" class="header">
        <h2 part="title" id="title">${t.t('title', { count: total })}</h2>
        ${
          raisedHands > 0
            ? html`<span part="raised-hands" class="raised-hands"
                >${icon(Hand)} ${t.t('raisedHands', { count: raisedHands })}</span
              >`
            : nothing
        }
      </div>
      <label part="search-label" class="search-label" for="search">${t.t('search')}</label>
      <input
        part="search"
        id="search"
        type="search"
        autocomplete="off"
        .value=${this.search}
        @input=${this.onSearch}
      />
      ${
        this.error
          ? html`<div part="error" class="error" role="alert">
              <span>${t.t('failed', { message: this.error.message })}</span>
              <button type="button" class="dismiss" @click=${() => (this.error = undefined)}>
                ${t.t('dismiss')}
              </button>
            </div>`
          : nothing
      }
      <p part="status" class="visually-hidden" role="status">${this.status}</p>
      ${repeat(
        groups,
        (group) => group.role,
        (group, index) => this.renderGroup(group, index, slice),
      )}
      ${
        shown === 0 && this.search.trim()
          ? html`<p part="empty" class="empty">${t.t('noMatches', { search: this.search })}</p>`
          : nothing
      }
      ${this.renderDialog()}
    </section>`;
  }
}

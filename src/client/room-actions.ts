// The room actions a role's permissions allow (mute, ask to unmute, change a role, remove a peer,
// end the room), the requests aimed at me (accept or decline), and what my role lets me do
// (`selectCan`), for a view to hide what it may not offer. The server checks every action
// anyway: a client that sends one its role may not do gets `forbidden`.
import type { ActionRequest, RoomActionMethod } from '../protocol/room-actions-schemas.ts';
import type { MediaSource, Requests } from '../protocol/signaling.ts';
import { ConveneError } from './errors.ts';
import type { RoomActionsApi, RoomState } from './room-state.ts';
import type { RoomStore } from './room-store.ts';

export interface RoomActionsHost {
  store: RoomStore;
  /** Sends a request on the current connection (rejects when there is none). */
  request<M extends RoomActionMethod>(method: M, data: Requests[M][0]): Promise<Requests[M][1]>;
  /** Turns a local source on: what accepting a request to unmute does. */
  enable(source: MediaSource): Promise<void>;
}

/** What my role lets me do to others, from its permissions. */
export interface RoomActionAbilities {
  mute: boolean;
  requestUnmute: boolean;
  changeRole: boolean;
  removePeer: boolean;
  endRoom: boolean;
}

const NOTHING: RoomActionAbilities = {
  mute: false,
  requestUnmute: false,
  changeRole: false,
  removePeer: false,
  endRoom: false,
};

let lastRole: RoomState['role'];
let lastAbilities = NOTHING;

/** Memoized on the role object, so a view comparing with Object.is re-renders only on a change. */
export function selectCan(state: RoomState): RoomActionAbilities {
  if (state.role !== lastRole) {
    lastRole = state.role;
    const permissions = state.role?.permissions;
    lastAbilities = permissions
      ? {
          mute: permissions.mute,
          requestUnmute: permissions.unmute,
          changeRole: permissions.changeRole,
          removePeer: permissions.removeOthers,
          endRoom: permissions.endRoom,
        }
      : NOTHING;
  }
  return lastAbilities;
}

export function selectPendingRequests(state: RoomState): readonly ActionRequest[] {
  return state.pendingRequests;
}

export class RoomActions implements RoomActionsApi {
  readonly #host: RoomActionsHost;

  constructor(host: RoomActionsHost) {
    this.#host = host;
  }

  /** Mutes a peer's track (`source`), or all its tracks. */
  async mute(peerId: string, source?: MediaSource): Promise<void> {
    await this.#host.request('mutePeer', { peerId, ...(source ? { source } : {}) });
  }

  /** Mutes every track (or `source`) of everyone with `role`; answers how many were muted. */
  async muteRole(role: string, source?: MediaSource): Promise<number> {
    const { muted } = await this.#host.request('muteRole', { role, ...(source ? { source } : {}) });
    return muted;
  }

  /** Asks a peer to turn `source` on; answers the request's id (its outcome comes as an event). */
  async requestUnmute(peerId: string, source: MediaSource): Promise<string> {
    return (await this.#host.request('requestUnmute', { peerId, source })).requestId;
  }

  /**
   * Gives a peer `role`: at once with `force`, else as an offer it accepts or declines (answers
   * the offer's id).
   */
  async changeRole(
    peerId: string,
    role: string,
    { force = false }: { force?: boolean } = {},
  ): Promise<string | undefined> {
    return (await this.#host.request('changeRole', { peerId, role, force })).requestId;
  }

  async removePeer(peerId: string, reason?: string): Promise<void> {
    await this.#host.request('removePeer', { peerId, ...(reason ? { reason } : {}) });
  }

  async endRoom(reason?: string, { lock = false }: { lock?: boolean } = {}): Promise<void> {
    try {
      await this.#host.request('endRoom', { ...(reason ? { reason } : {}), lock });
    } catch (error) {
      // The server tells everyone the room ended, me too, before it answers me; the client
      // closes its connection on that notice, so the answer never arrives. The room did end.
      if (this.#host.store.state.removed?.reason === 'room ended') return;
      throw error;
    }
  }

  /**
   * Accepts a request aimed at me. Asked to unmute, I turn the source on first (so a device
   * that cannot open is a decline nobody waits for); offered a role, the server applies it.
   */
  async accept(requestId: string): Promise<void> {
    const request = this.#pending(requestId);
    if (request.kind === 'unmute' && request.source) {
      try {
        await this.#host.enable(request.source);
      } catch (error) {
        await this.decline(requestId).catch(() => undefined);
        throw error;
      }
    }
    await this.#answer(requestId, true);
  }

  async decline(requestId: string): Promise<void> {
    this.#pending(requestId);
    await this.#answer(requestId, false);
  }

  /** A request aimed at me arrived. */
  requested(request: ActionRequest): void {
    this.#host.store.update((state) =>
      state.pendingRequests.some((r) => r.id === request.id)
        ? state
        : { ...state, pendingRequests: [...state.pendingRequests, request] },
    );
  }

  /** A request is over (answered, expired, or withdrawn): it is no longer waiting for me. */
  closed(requestId: string): void {
    this.#forget(requestId);
  }

  async #answer(requestId: string, accept: boolean): Promise<void> {
    try {
      await this.#host.request('answerRequest', { requestId, accept });
    } catch (error) {
      // Gone on the server (expired or withdrawn meanwhile): over. Other failures leave it to
      // answer again.
      const code = (error as { code?: unknown }).code;
      if (code === 'request_not_found' || code === 'request_withdrawn') this.#forget(requestId);
      throw error;
    }
    this.#forget(requestId);
  }

  #pending(requestId: string): ActionRequest {
    const request = this.#host.store.state.pendingRequests.find((r) => r.id === requestId);
    if (!request) {
      throw new ConveneError(
        'request_not_found',
        'This request is no longer waiting for an answer (it expired, or was answered).',
      );
    }
    return request;
  }

  #forget(requestId: string): void {
    this.#host.store.update((state) =>
      state.pendingRequests.some((r) => r.id === requestId)
        ? { ...state, pendingRequests: state.pendingRequests.filter((r) => r.id !== requestId) }
        : state,
    );
  }
}

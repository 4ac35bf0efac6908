// Reaching a meeting page's RoomClient (the one <convene-room> made when it joined) from a test:
// to act as the page's person would through the client's API, and to read the page's store.
import type { Page } from 'playwright-core';
import type { RoomClient } from '../../../src/client/room-client.ts';
import type { RoomState } from '../../../src/client/room-state.ts';
import { eventually } from './browser.ts';

/**
 * Runs `body` in the page with its RoomClient. `body` travels as source text, so it may use only
 * its two arguments; `arg` must survive structured cloning.
 */
export function withClient<T, A = undefined>(
  page: Page,
  body: (client: RoomClient, arg: A) => T,
  arg?: A,
): Promise<Awaited<T>> {
  return page.locator('convene-room').evaluate(
    (room, [source, value]) => {
      const client = (room as unknown as { client?: unknown }).client;
      if (!client) throw new Error('the page has no room client yet (it has not tried to join)');
      const run = new Function('client', 'arg', `return (${source})(client, arg);`);
      return run(client, value) as T;
    },
    [body.toString(), arg] as const,
  ) as Promise<Awaited<T>>;
}

/** What a person's page knows of its own presence in the room, read from its store. */
export interface Presence {
  connection: RoomState['connection'];
  role: string | undefined;
  removed: RoomState['removed'];
  errorCode: string | undefined;
  pendingRequests: RoomState['pendingRequests'];
}

export function presenceOf(page: Page): Promise<Presence> {
  return withClient(page, (client) => {
    const { connection, role, removed, error, pendingRequests } = client.store.state;
    return { connection, role: role?.name, removed, errorCode: error?.code, pendingRequests };
  });
}

/** Waits until the page has joined, and answers its peer id. */
export function joinedPeerId(page: Page): Promise<string> {
  return eventually(
    () =>
      page.locator('convene-room').evaluate((room) => {
        const state = (room as unknown as { client?: RoomClient }).client?.store.state;
        return state?.connection === 'connected' ? (state.localPeerId ?? '') : '';
      }),
    (id) => id !== '',
    { timeoutMs: 30_000, what: 'the page to join' },
  );
}

/**
 * What the page's store says of a peer's tracks: for each source, whether it is muted and
 * whether a track is being received. Undefined when the page does not know the peer.
 */
export function tracksOf(
  page: Page,
  peerId: string,
): Promise<Record<string, { muted: boolean; received: boolean }> | undefined> {
  return withClient(
    page,
    (client, id) => {
      const peer = client.store.state.peers[id];
      if (!peer) return undefined;
      return Object.fromEntries(
        Object.entries(peer.tracks).map(([source, track]) => [
          source,
          { muted: track!.muted, received: track!.track !== null },
        ]),
      );
    },
    peerId,
  );
}

/** Runs a room action in the page; answers `done`, or the error code it was refused with. */
export function outcomeOf<A>(
  page: Page,
  action: (client: RoomClient, arg: A) => Promise<unknown>,
  arg: A,
): Promise<string> {
  return withClient(
    page,
    (client, [source, value]) => {
      const run = new Function('client', 'arg', `return (${source})(client, arg);`);
      return (run(client, value) as Promise<unknown>).then(
        () => 'done',
        (error: { code?: string }) => error.code ?? String(error),
      );
    },
    [action.toString(), arg] as const,
  );
}

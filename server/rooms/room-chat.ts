// One live room's chat: checks a message (its size, its recipients), stores it, then delivers it
// to exactly the peers it is for: the whole room, the peers of some roles, or one peer. Nothing is
// acknowledged or delivered before it is written, so a message whose sender saw it sent survives
// a crash. Light types (reactions) are delivered and never stored. Stores are chained, so
// messages reach everyone in the order they are stored.
import type { ChatMessage } from '../../src/protocol/signaling.ts';
import {
  CHAT_HISTORY_MAX_PAGE,
  DEFAULT_MESSAGE_TYPE,
  EPHEMERAL_MESSAGE_TYPES,
} from '../../src/protocol/chat.ts';
import type { Role } from '../../src/protocol/roles.ts';
import { ConveneError, invalid, notFound } from '../../src/protocol/errors.ts';
import type { ChatConfig } from '../config.ts';
import type { ChatStore } from '../storage/chat.ts';
import type { Page } from '../storage/pagination.ts';
import { newId } from '../storage/ids.ts';
import type { LivePeer } from './live-peer.ts';

/** Messages a history page holds when the request names no limit. */
export const DEFAULT_HISTORY_PAGE = 50;

/** What a message asks for, from a peer (sendMessage) or the server (REST). */
export interface MessageInput {
  message: string;
  type?: string;
  recipientRoles?: string[];
  recipientPeer?: string;
}

/** What the chat needs of its room: who is there, and which roles exist. */
export interface ChatRoom {
  readonly peers: ReadonlyMap<string, LivePeer>;
  readonly roles: Record<string, Role>;
}

export interface RoomChatOptions {
  store: ChatStore;
  limits: ChatConfig;
  workspaceId: string;
  roomId: string;
  sessionId: string;
  /** The chat this session carries on (ChatStore.openThread). */
  threadId: string;
}

export class RoomChat {
  /** The last store under way: the next one waits for it, so order is kept. */
  #tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly room: ChatRoom,
    private readonly options: RoomChatOptions,
  ) {}

  /** Stores (unless light) and delivers a message; `sender` is null for the server. */
  async send(sender: LivePeer | null, input: MessageInput): Promise<ChatMessage> {
    const { maxMessageBytes } = this.options.limits;
    const bytes = Buffer.byteLength(input.message, 'utf8');
    if (bytes > maxMessageBytes) {
      throw new ConveneError(
        'message_too_large',
        `message: at most ${maxMessageBytes} bytes of text, this one has ${bytes}`,
        { kind: 'too_large' },
      );
    }
    // PostgreSQL's text cannot hold NUL, and no chat line needs one.
    if (input.message.includes('\u0000')) {
      throw invalid('message: may not contain NUL characters', 'invalid_request');
    }
    if (input.recipientPeer !== undefined && input.recipientRoles !== undefined) {
      throw invalid(
        'a message goes to recipientPeer or to recipientRoles, not both',
        'invalid_request',
      );
    }
    const target = input.recipientPeer === undefined ? undefined : this.#peer(input.recipientPeer);
    const roles = input.recipientRoles && this.#roles(input.recipientRoles);
    const message: ChatMessage = {
      id: newId(),
      sender: sender && {
        peerId: sender.id,
        userId: sender.userId,
        name: sender.name,
        role: sender.role.name,
      },
      type: input.type ?? DEFAULT_MESSAGE_TYPE,
      message: input.message,
      time: new Date().toISOString(),
    };
    if (roles) message.recipientRoles = roles;
    if (target) message.recipientPeer = target.id;
    if (!EPHEMERAL_MESSAGE_TYPES.has(message.type)) await this.#store(message);
    this.#deliver(message, sender, target, roles && new Set(roles));
    return message;
  }

  /** The history `viewer` may see: newest page first (`start` leads further back). */
  history(
    viewer: LivePeer,
    request: { start?: string; limit?: number },
  ): Promise<Page<ChatMessage>> {
    const limit = Math.min(request.limit ?? DEFAULT_HISTORY_PAGE, CHAT_HISTORY_MAX_PAGE);
    return this.options.store.history(
      this.options.threadId,
      { peerId: viewer.id, role: viewer.role.name },
      { limit, start: request.start || undefined },
    );
  }

  #peer(peerId: string): LivePeer {
    const peer = this.room.peers.get(peerId);
    if (!peer) throw notFound(`recipientPeer: no peer ${peerId} in this room`, 'peer_not_found');
    return peer;
  }

  #roles(names: string[]): string[] {
    for (const name of names) {
      if (!Object.hasOwn(this.room.roles, name)) {
        throw notFound(`recipientRoles: this room has no role ${name}`, 'role_not_found');
      }
    }
    return names;
  }

  async #store(message: ChatMessage): Promise<void> {
    const { workspaceId, roomId, sessionId, threadId, store } = this.options;
    const stored = this.#tail.then(() =>
      store.insert({
        id: message.id,
        workspace_id: workspaceId,
        room_id: roomId,
        session_id: sessionId,
        thread_id: threadId,
        sender_peer_id: message.sender?.peerId ?? null,
        sender_user_id: message.sender?.userId ?? null,
        sender_name: message.sender?.name ?? null,
        sender_role: message.sender?.role ?? null,
        recipient_peer_id: message.recipientPeer ?? null,
        recipient_roles: message.recipientRoles ? JSON.stringify(message.recipientRoles) : null,
        type: message.type,
        message: message.message,
        created_at: message.time,
      }),
    );
    this.#tail = stored.catch(() => undefined);
    await stored;
  }

  /** To everyone it is for but its sender, who has it in its answer. */
  #deliver(
    message: ChatMessage,
    sender: LivePeer | null,
    target: LivePeer | undefined,
    roles: Set<string> | undefined,
  ): void {
    const data = { message };
    if (target) {
      if (target !== sender && this.room.peers.get(target.id) === target)
        target.notify('message', data);
      return;
    }
    for (const peer of this.room.peers.values()) {
      if (peer === sender) continue;
      if (roles && !roles.has(peer.role.name)) continue;
      peer.notify('message', data);
    }
  }
}

// A peer present in a live room: who it is (from its app token), its socket while connected, and
// its media. Its place (name, socket, grace period) changes only through the room's operations:
// LiveRoom admits, detaches, resumes, renames and removes it.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type {
  NotificationName,
  Notifications,
  PeerInfo,
  ServerMessage,
} from '../../src/protocol/signaling.ts';
import type { Role } from '../../src/protocol/roles.ts';
import { PeerMedia } from './peer-media.ts';
import { RECORDER_ROLE } from './recorder-role.ts';

/** The socket side of a peer, as the signaling layer provides it. */
export interface PeerConnection {
  send(message: ServerMessage): void;
  close(code: number, reason: string): void;
}

/** Who joins: what the app token says, and the name the person chose. */
export interface PeerIdentity {
  userId: string;
  name: string;
  role: Role;
}

export class LivePeer {
  readonly id: string;
  readonly userId: string;
  #role: Role;
  readonly resumeSecret = randomBytes(18).toString('base64url');
  readonly joinedAt = new Date().toISOString();
  readonly media = new PeerMedia();
  connectionQuality: number | undefined;
  #name: string;
  #metadata = '';
  #connection: PeerConnection | undefined;

  /** The room's recorder: present for media, absent from everything the others are told. */
  get hidden(): boolean {
    return this.#role.name === RECORDER_ROLE;
  }

  constructor(id: string, identity: PeerIdentity, connection: PeerConnection) {
    this.id = id;
    this.userId = identity.userId;
    this.#role = identity.role;
    this.#name = identity.name;
    this.#connection = connection;
  }

  get role(): Role {
    return this.#role;
  }

  /** For the room only: a role change (role-change.ts makes the media follow it). */
  setRole(role: Role): void {
    this.#role = role;
  }

  get name(): string {
    return this.#name;
  }

  /** The socket now carrying this peer, if one is connected. */
  get connection(): PeerConnection | undefined {
    return this.#connection;
  }

  /** For the room only: a rename. */
  setName(name: string): void {
    this.#name = name;
  }

  /** An opaque string, often JSON (100ms's peer metadata); '' until set. */
  get metadata(): string {
    return this.#metadata;
  }

  /** For the room only: new metadata (the room checks its size and tells everyone). */
  setMetadata(metadata: string): void {
    this.#metadata = metadata;
  }

  /** For the room only: a socket attached (a resume) or lost (undefined). */
  setConnection(connection: PeerConnection | undefined): void {
    this.#connection = connection;
  }

  matchesSecret(secret: string): boolean {
    const a = Buffer.from(secret);
    const b = Buffer.from(this.resumeSecret);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  info(): PeerInfo {
    return {
      id: this.id,
      userId: this.userId,
      name: this.#name,
      role: this.#role.name,
      joinedAt: this.joinedAt,
      producers: this.media.producerInfos(),
      ...(this.connectionQuality === undefined
        ? {}
        : { connectionQuality: this.connectionQuality }),
      ...(this.#metadata ? { metadata: this.#metadata } : {}),
      ...(this.#connection ? {} : { reconnecting: true as const }),
    };
  }

  notify<N extends NotificationName>(notification: N, data: Notifications[N]): void {
    this.#connection?.send({ notification, data } as ServerMessage);
  }
}

// One fuzzing peer's socket: sends frames one at a time, waits for each one's reply and checks it
// against what the protocol promises (the right id, or null for what cannot be read; the reply
// shape; never `internal_error`; success only for valid data, with the declared result). It also
// keeps what the peer has seen (its transports, producers, consumers) to fill in `$ref:` markers.
import assert from 'node:assert/strict';
import { Compile } from 'typebox/compile';
import type { TSchema } from 'typebox';
import { REQUESTS } from '../../src/protocol/signaling-schemas.ts';
import {
  MAX_MESSAGE_BYTES,
  MAX_MESSAGE_DEPTH,
  type ServerMessage,
} from '../../src/protocol/signaling.ts';
import { TestSignalingClient } from './signaling-client.ts';
import { serializeFrame, sizedFrame, type Command } from './signaling-frames.ts';

/** Long enough for a mediasoup round trip on a busy 2-core machine; a missing reply costs this. */
export const REPLY_TIMEOUT_MS = 3_000;

const schemas = REQUESTS as Record<string, { data: TSchema; result: TSchema }>;
const dataCheck = Object.fromEntries(
  Object.entries(schemas).map(([method, { data }]) => [method, Compile(data)]),
);
const resultCheck = Object.fromEntries(
  Object.entries(schemas).map(([method, { result }]) => [method, Compile(result)]),
);

/** What the room offers every fuzzing peer to aim at: tokens, capabilities, others' ids. */
export interface RoomFacts {
  tokens: Record<string, string>;
  routerRtpCapabilities: Record<string, unknown>;
  otherPeerIds: string[];
  otherProducerIds: string[];
}

/** What the server owes one frame, worked out from the frame alone. */
interface Expectation {
  id: number | null;
  /** The method, when the frame names a real one with a usable id. */
  method?: string;
  /** Set when the reply must be an error: the codes that may answer it. */
  errorCodes?: string[];
}

/**
 * What the protocol refuses in any message, whatever its method: nesting deeper than
 * MAX_MESSAGE_DEPTH containers, or a string (key or value) with a lone surrogate or U+0000.
 * Walked with a stack, as a 20,000-level frame would overflow a recursive walk.
 */
function refusedAsMessage(message: unknown): boolean {
  const stack: [unknown, number][] = [[message, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item === 'string' && (!item.isWellFormed() || item.includes('\u0000'))) return true;
    if (typeof item !== 'object' || item === null) continue;
    if (depth > MAX_MESSAGE_DEPTH) return true;
    for (const [key, child] of Object.entries(item)) {
      if (!key.isWellFormed() || key.includes('\u0000')) return true;
      stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** A client rate limit may answer anything; it is a correct answer, never a failure. */
const RATE_LIMITED = 'rate_limited';

export function expectationFor(frame: string | Buffer, binary: boolean): Expectation {
  if (binary) return { id: null, errorCodes: ['invalid_message'] };
  const bytes = typeof frame === 'string' ? Buffer.byteLength(frame) : frame.length;
  if (bytes > MAX_MESSAGE_BYTES) return { id: null, errorCodes: ['message_too_large'] };
  let message: { id?: unknown; method?: unknown; data?: unknown };
  try {
    message = JSON.parse(frame.toString());
  } catch {
    return { id: null, errorCodes: ['invalid_message'] };
  }
  if (typeof message !== 'object' || message === null || !Number.isSafeInteger(message.id)) {
    return { id: null, errorCodes: ['invalid_message'] };
  }
  const id = message.id as number;
  if (refusedAsMessage(message)) return { id, errorCodes: ['invalid_message'] };
  if (typeof message.method !== 'string' || !Object.hasOwn(REQUESTS, message.method)) {
    return { id, errorCodes: ['unknown_method', 'invalid_message', 'invalid_request'] };
  }
  const { method } = message;
  if (!dataCheck[method]!.Check(message.data ?? {})) {
    return { id, method, errorCodes: ['invalid_request'] };
  }
  return { id, method };
}

/** Short enough to read in a failure message. */
export function summarize(value: unknown, max = 400): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : JSON.stringify(value, bytesAsList);
  } catch {
    text = String(value);
  }
  text ??= String(value);
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

function bytesAsList(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array
    ? `<${value.length} bytes: ${Buffer.from(value).toString('hex')}>`
    : value;
}

/** A join's data with its token shown as the claims it carries, which say more than its bytes. */
function withClaims(data: unknown): unknown {
  const token = (data as { token?: unknown } | null)?.token;
  if (typeof token !== 'string') return data;
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
  } catch {
    return data;
  }
  const { role, user_id, room_id } = claims;
  return { ...(data as object), token: { role, user_id, room_id } };
}

/** Checks one reply; returns a failure message, or undefined when it keeps every promise. */
export function replyProblem(reply: unknown, expected: Expectation): string | undefined {
  if (typeof reply !== 'object' || reply === null) return `the reply is not an object`;
  const message = reply as Record<string, unknown>;
  if (message.id !== expected.id) {
    return `the reply carries id ${summarize(message.id)}, not ${summarize(expected.id)}`;
  }
  const keys = Object.keys(message).sort().join(',');
  if (message.ok === true) {
    if (keys !== 'data,id,ok') return `a success reply has the keys ${keys}`;
    if (expected.errorCodes) {
      return `accepted a request the protocol refuses (expected one of ${expected.errorCodes})`;
    }
    if (expected.method && !resultCheck[expected.method]!.Check(message.data)) {
      return `the ${expected.method} answer does not match its declared result schema`;
    }
    return undefined;
  }
  if (message.ok !== false) return `the reply's ok is ${summarize(message.ok)}`;
  if (keys !== 'error,id,ok') return `an error reply has the keys ${keys}`;
  const error = message.error as Record<string, unknown> | null;
  if (typeof error?.code !== 'string' || !error.code || typeof error.message !== 'string') {
    return `the error is not {code, message}: ${summarize(error)}`;
  }
  if (error.code === 'internal_error') return `internal_error (a 5xx): ${error.message}`;
  if (
    expected.errorCodes &&
    error.code !== RATE_LIMITED &&
    !expected.errorCodes.includes(error.code)
  ) {
    return `error ${error.code}, expected one of ${expected.errorCodes}`;
  }
  return undefined;
}

export class FuzzSocket {
  readonly client: TestSignalingClient;
  readonly #facts: RoomFacts | undefined;
  readonly #diagnose: () => Promise<string>;
  readonly #sent = new Map<number | null, number>();
  /** Requests waiting for their reply: each looks again at every message and at a close. */
  readonly #waiters = new Set<() => void>();
  #closed: string | undefined;
  #nextId = 1;
  // What this peer has seen, for `$ref:` markers.
  selfId: string | undefined;
  left = false;
  readonly transports = { send: [] as string[], recv: [] as string[] };
  readonly producers: string[] = [];

  private constructor(
    client: TestSignalingClient,
    facts: RoomFacts | undefined,
    diagnose: () => Promise<string>,
  ) {
    this.client = client;
    this.#facts = facts;
    this.#diagnose = diagnose;
    // After the client's own listener, so its reply map is up to date when a waiter looks.
    client.socket.on('message', () => this.#wake());
    client.socket.on('close', (code, reason) => {
      this.#closed = `the server closed the socket (${code} ${reason.toString()})`;
      this.#wake();
    });
  }

  /**
   * `diagnose` tells what the server said meanwhile (its log, whether it still runs): it is
   * appended to every failure.
   */
  static async connect(
    url: string,
    diagnose: () => Promise<string>,
    facts?: RoomFacts,
  ): Promise<FuzzSocket> {
    return new FuzzSocket(await TestSignalingClient.connect(url), facts, diagnose);
  }

  get joined(): boolean {
    return this.selfId !== undefined && !this.left;
  }

  /** Consumers the server made for this peer and has not closed. */
  get consumers(): string[] {
    const closed = new Set(
      this.client.notifications
        .filter((n) => n.notification === 'consumerClosed')
        .map((n) => (n.data as { consumerId: string }).consumerId),
    );
    return this.client.notifications
      .filter((n) => n.notification === 'newConsumer')
      .map((n) => (n.data as { id: string }).id)
      .filter((id) => !closed.has(id));
  }

  /** Sends one frame and returns its one reply, failing (with `what`) on any broken promise. */
  async exchange(frame: string | Buffer, what: string, timeoutMs = REPLY_TIMEOUT_MS) {
    const binary = typeof frame !== 'string';
    const expected = expectationFor(frame, binary);
    const reply = await this.#send(frame, binary, expected.id, what, timeoutMs);
    const problem = replyProblem(reply, expected);
    if (problem) await this.fail(`${problem}\n  reply: ${summarize(reply)}`, what);
    return reply as ServerMessage;
  }

  /** A request with `$ref:` markers filled in, as one exchange. */
  async request(method: string, data?: unknown, timeoutMs?: number) {
    const id = this.#nextId++;
    const resolved = this.#resolve(data);
    const frame = serializeFrame({
      id,
      method,
      ...(resolved === undefined ? {} : { data: resolved }),
    });
    const shown = method === 'join' ? withClaims(resolved) : resolved;
    const reply = await this.exchange(frame, `${method} ${summarize(shown)}`, timeoutMs);
    if ('ok' in reply && reply.ok) this.#learn(method, resolved, reply.data);
    return reply;
  }

  /** The data of a request that must succeed. */
  async ok<T = any>(method: string, data?: unknown): Promise<T> {
    const reply = await this.request(method, data);
    if (!('ok' in reply) || !reply.ok) await this.fail(`refused: ${summarize(reply)}`, method);
    return (reply as { data: T }).data;
  }

  /** Sends one fuzzed command. */
  async run(command: Command): Promise<void> {
    switch (command.kind) {
      case 'request':
        await this.request(command.method, command.data);
        return;
      case 'text':
        await this.exchange(command.text, `text frame ${summarize(command.text)}`);
        return;
      case 'binary':
        await this.exchange(Buffer.from(command.bytes), `binary frame ${summarize(command.bytes)}`);
        return;
      case 'message':
        await this.exchange(serializeFrame(command.message), `frame ${summarize(command.message)}`);
        return;
      case 'sized': {
        const frame = sizedFrame(this.#nextId++, command);
        await this.exchange(frame, `a ${command.bytes}-byte ${command.method} frame`);
      }
    }
  }

  /** Every frame sent got exactly one reply: none lost, none doubled, none for an unsent id. */
  async assertEachAnsweredOnce(): Promise<void> {
    for (const [id, replies] of this.client.replies) {
      if (replies.length !== (this.#sent.get(id) ?? 0)) {
        await this.fail(
          `${replies.length} replies to id ${id}, which was sent ${this.#sent.get(id) ?? 0} times`,
          'the whole run',
        );
      }
    }
  }

  /** Leaves if still in the room, checks the books, closes. */
  async finish(): Promise<void> {
    if (this.joined && !this.#closed) await this.request('leave');
    await this.assertEachAnsweredOnce();
    this.client.close();
  }

  async fail(problem: string, what: string): Promise<never> {
    assert.fail(`${problem}\n  after: ${what}\n${await this.#diagnose()}`);
  }

  #send(
    frame: string | Buffer,
    binary: boolean,
    id: number | null,
    what: string,
    timeoutMs: number,
  ) {
    const before = this.client.replies.get(id)?.length ?? 0;
    this.#sent.set(id, (this.#sent.get(id) ?? 0) + 1);
    return new Promise<unknown>((resolve, reject) => {
      const finish = (outcome: () => void) => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        outcome();
      };
      const failWith = (problem: string) => finish(() => this.fail(problem, what).catch(reject));
      const check = () => {
        const reply = this.client.replies.get(id)?.[before];
        if (reply) finish(() => resolve(reply));
        else if (this.#closed) failWith(this.#closed);
      };
      const timer = setTimeout(
        () => failWith(`no reply (id ${id}) within ${timeoutMs} ms`),
        timeoutMs,
      );
      this.#waiters.add(check);
      if (this.#closed) check();
      else this.client.socket.send(frame, { binary });
    });
  }

  #wake(): void {
    for (const check of [...this.#waiters]) check();
  }

  #learn(method: string, data: any, answer: any): void {
    if (method === 'join') {
      this.selfId = answer.self.id;
      this.transports.recv.push(answer.transports.recv.id);
      if (answer.transports.send) this.transports.send.push(answer.transports.send.id);
    } else if (method === 'createTransport') {
      this.transports[data.direction as 'send' | 'recv'].push(answer.id);
    } else if (method === 'produce') {
      this.producers.push(answer.producerId);
    } else if (method === 'leave') {
      this.left = true;
    }
  }

  #ref(name: string): unknown {
    const facts = this.#facts;
    const [kind, which] = name.split(':') as [string, string | undefined];
    switch (kind) {
      case 'transport':
        return this.transports[which as 'send' | 'recv']?.at(-1) ?? `no-${which}-transport`;
      case 'producer':
        return which === 'own'
          ? (this.producers.at(-1) ?? 'no-own-producer')
          : (facts?.otherProducerIds[0] ?? 'no-producer');
      case 'consumer':
        return this.consumers.at(-1) ?? 'no-consumer';
      case 'peer':
        return which === 'self'
          ? (this.selfId ?? 'not-joined')
          : (facts?.otherPeerIds[0] ?? 'no-peer');
      case 'token':
        return facts?.tokens[which ?? ''] ?? 'no-token';
      case 'caps':
        return structuredClone(facts?.routerRtpCapabilities ?? {});
      default:
        return `$ref:${name}`;
    }
  }

  /** A copy of `value` with its `$ref:` markers filled in (only as deep as markers are put). */
  #resolve(value: unknown, depth = 0): unknown {
    if (typeof value === 'string' && value.startsWith('$ref:')) return this.#ref(value.slice(5));
    if (typeof value !== 'object' || value === null || depth > 8) return value;
    if (Array.isArray(value)) return value.map((inner) => this.#resolve(inner, depth + 1));
    const copy: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      Object.defineProperty(copy, key, {
        value: this.#resolve(inner, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return copy;
  }
}

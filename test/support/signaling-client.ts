// A bare signaling client for server tests: a real WebSocket speaking the protocol, no browser.
import WebSocket from 'ws';
import {
  SIGNALING_PATH,
  type NotificationMessage,
  type ServerMessage,
} from '../../src/protocol/signaling.ts';

export class TestSignalingClient {
  readonly notifications: NotificationMessage[] = [];
  readonly replies = new Map<number | null, ServerMessage[]>();
  #nextId = 1;
  #waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as ServerMessage;
      if ('notification' in message) this.notifications.push(message);
      else {
        const list = this.replies.get(message.id) ?? [];
        list.push(message);
        this.replies.set(message.id, list);
      }
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  static async connect(baseUrl: string): Promise<TestSignalingClient> {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${SIGNALING_PATH}?v=1`);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new TestSignalingClient(socket);
  }

  /** Sends raw text and returns the next reply with id `id` (null for unparseable messages). */
  async sendRaw(text: string | Buffer, id: number | null): Promise<ServerMessage> {
    const before = this.replies.get(id)?.length ?? 0;
    this.socket.send(text);
    return this.#until(() => this.replies.get(id)?.[before]);
  }

  async request(method: string, data: unknown = {}): Promise<ServerMessage> {
    const id = this.#nextId++;
    return this.sendRaw(JSON.stringify({ id, method, data }), id);
  }

  /** The data of a successful request; throws with the error otherwise. */
  async ok<T = any>(method: string, data: unknown = {}): Promise<T> {
    const reply = await this.request(method, data);
    if (!('ok' in reply) || !reply.ok)
      throw new Error(`${method} failed: ${JSON.stringify(reply)}`);
    return reply.data as T;
  }

  async notification(name: string, match: (data: any) => boolean = () => true): Promise<any> {
    return this.#until(
      () => this.notifications.find((n) => n.notification === name && match(n.data))?.data,
    );
  }

  #until<T>(find: () => T | undefined, timeoutMs = 10_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('timed out waiting for a signaling message')),
        timeoutMs,
      );
      const check = () => {
        const found = find();
        if (found !== undefined) {
          clearTimeout(timer);
          resolve(found);
        } else this.#waiters.push(check);
      };
      check();
    });
  }

  close(): void {
    this.socket.close();
  }
}

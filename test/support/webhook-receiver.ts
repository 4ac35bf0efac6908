// A customer's webhook endpoint for tests: an HTTP server on 127.0.0.1 that records every
// delivery (path, headers, body, and the envelope once its signature verifies with the
// standardwebhooks library, as a real receiver would check it) and answers what the test says.
import http, { type IncomingHttpHeaders } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { waitFor } from './test-server.ts';

export interface WebhookDelivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /**
   * The body parsed as JSON: with a secret, only once its signature verified (undefined when it
   * did not); without one, whenever the body is JSON.
   */
  envelope: any;
  /** Why the signature did not verify; undefined when it did, or when there is no secret. */
  verifyError: string | undefined;
  /** What the receiver answered; 0 while it holds the request unanswered. */
  status: number;
}

/** A status to answer, or 'never': the request is held open, as an endpoint that hangs. */
export type WebhookAnswer = number | 'never';

export interface WebhookReceiverOptions {
  /** The port to listen on; an ephemeral one if left out. */
  port?: number;
  /**
   * The signing secret, or the secret of each path. With one, a delivery that does not verify is
   * answered 400 and `answer` is not asked.
   */
  secret?: string | ((path: string) => string);
  /** What to answer each delivery (200 if left out); `index` counts the deliveries before it. */
  answer?: WebhookAnswer | ((delivery: WebhookDelivery, index: number) => WebhookAnswer);
  /** Headers sent with every answer (a redirect's location, say). */
  headers?: Record<string, string>;
}

export interface WebhookReceiver {
  url: string;
  port: number;
  /** Every delivery, in arrival order. */
  deliveries: WebhookDelivery[];
  /** Deliveries answered 2xx, in arrival order; only those to `path` if given. */
  accepted(path?: string): WebhookDelivery[];
  /** TCP connections accepted: a refused delivery must not even open one. */
  connections(): number;
  /** The server env that makes `path` here the operator's endpoint, signed with the secret. */
  operatorEnv(path?: string): Record<string, string>;
  /** The deliveries matching `match` once there are at least `count` of them. */
  waitForDeliveries(
    count: number,
    match?: (delivery: WebhookDelivery) => boolean,
    options?: { what?: string; timeoutMs?: number },
  ): Promise<WebhookDelivery[]>;
  /** The first delivery matching `match`, once one has arrived. */
  waitForDelivery(
    match: (delivery: WebhookDelivery) => boolean,
    options?: { what?: string; timeoutMs?: number },
  ): Promise<WebhookDelivery>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(
  options: WebhookReceiverOptions = {},
): Promise<WebhookReceiver> {
  const deliveries: WebhookDelivery[] = [];
  let connections = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const delivery = read(req.url ?? '/', req.headers, Buffer.concat(chunks).toString('utf8'));
      const answer = delivery.verifyError ? 400 : answerFor(delivery, deliveries.length);
      deliveries.push(delivery);
      if (answer === 'never') return;
      delivery.status = answer;
      res
        .writeHead(answer, { 'content-type': 'text/plain', ...options.headers })
        .end(answer < 300 ? 'ok' : 'no');
    });
  });
  server.on('connection', () => connections++);

  function read(path: string, headers: IncomingHttpHeaders, body: string): WebhookDelivery {
    const delivery: WebhookDelivery = {
      path,
      headers,
      body,
      envelope: undefined,
      verifyError: undefined,
      status: 0,
    };
    const secret = typeof options.secret === 'function' ? options.secret(path) : options.secret;
    try {
      delivery.envelope = secret
        ? new Webhook(secret).verify(body, headers as Record<string, string>)
        : JSON.parse(body);
    } catch (error) {
      if (secret) delivery.verifyError = error instanceof Error ? error.message : String(error);
    }
    return delivery;
  }

  function answerFor(delivery: WebhookDelivery, index: number): WebhookAnswer {
    const { answer = 200 } = options;
    return typeof answer === 'function' ? answer(delivery, index) : answer;
  }

  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const accepted = (path?: string) =>
    deliveries.filter(
      (d) => d.status >= 200 && d.status < 300 && (path === undefined || d.path === path),
    );
  const waitForDeliveries: WebhookReceiver['waitForDeliveries'] = (
    count,
    match = () => true,
    { what = `${count} deliveries`, timeoutMs } = {},
  ) =>
    waitFor(
      () => {
        const matching = deliveries.filter(match);
        return matching.length >= count && matching;
      },
      { what, timeoutMs },
    );
  return {
    url,
    port,
    deliveries,
    accepted,
    connections: () => connections,
    operatorEnv(path = '/hook') {
      if (typeof options.secret !== 'string') throw new Error('operatorEnv needs one secret');
      return { CONVENE_WEBHOOK_URL: `${url}${path}`, CONVENE_WEBHOOK_SECRET: options.secret };
    },
    waitForDeliveries,
    async waitForDelivery(match, { what = 'a matching delivery', timeoutMs } = {}) {
      const [first] = await waitForDeliveries(1, match, { what, timeoutMs });
      return first!;
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** A port nothing listens on (yet): an endpoint there is down until something does. */
export async function unusedPort(): Promise<number> {
  const server = http.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

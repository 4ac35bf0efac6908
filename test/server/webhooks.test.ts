// Webhooks end to end: a real server (in-process, or a child process for kill -9) delivers to a
// local receiver that checks every delivery with the standardwebhooks library, as a customer's
// endpoint would. Covers retries, order per room, durability across a crash, the delivery log
// and replay, the endpoints API and workspace isolation, the retry schedule, and the logs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import {
  makeDataDir,
  startServerProcess,
  startTestServer,
  waitFor,
  type ServerProcess,
  type TestServer,
} from '../support/test-server.ts';
import {
  startWebhookReceiver,
  unusedPort,
  type WebhookDelivery,
} from '../support/webhook-receiver.ts';
import { generateWorkspaceKey } from '../../server/auth/workspace-keys.ts';
import { TokenService } from '../../server/auth/tokens.ts';
import { loadConfig } from '../../server/config.ts';
import { nextAttemptAt, retryDelay } from '../../server/webhooks/dispatcher.ts';

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/**
 * The receivers here listen on 127.0.0.1, which endpoints added over REST may target only when
 * the operator allows private addresses (webhook-ssrf.test.ts tests the refusal itself).
 */
const ALLOW_PRIVATE = { CONVENE_WEBHOOK_ALLOW_PRIVATE: 'true' };

/** Fast retries, so a test that fails deliveries on purpose still takes well under a second per retry. */
const FAST_RETRIES = {
  CONVENE_WEBHOOK_FIRST_RETRY_MS: '50',
  CONVENE_WEBHOOK_MAX_RETRY_INTERVAL_MS: '200',
};

/** The whole delivery log of a workspace, every page. */
async function allDeliveries(
  call: (path: string) => Promise<{ status: number; body: any }>,
  query = '',
): Promise<any[]> {
  const rows: any[] = [];
  let start = '';
  do {
    const page = await call(
      `/v2/webhooks/deliveries?limit=100${query}${start ? `&start=${start}` : ''}`,
    );
    assert.equal(page.status, 200, JSON.stringify(page.body));
    rows.push(...page.body.data);
    start = page.body.last;
  } while (start);
  return rows;
}

/** Every delivery verified, carried the standard headers, and its envelope is 100ms's. */
function assertWellFormed(deliveries: WebhookDelivery[], accessKey: string): void {
  for (const d of deliveries) {
    assert.equal(d.verifyError, undefined, `signature of ${d.headers['webhook-id']} verifies`);
    assert.match(String(d.headers['webhook-signature']), /^v1,[A-Za-z0-9+/]+=*$/);
    assert.match(String(d.headers['webhook-timestamp']), /^\d{10}$/);
    assert.match(String(d.headers['content-type']), /^application\/json/);
    const e = d.envelope;
    assert.equal(e.version, '2.0');
    assert.equal(e.id, d.headers['webhook-id'], 'webhook-id is the event id');
    assert.equal(e.account_id, accessKey);
    assert.equal(e.app_id, accessKey);
    assert.match(e.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok(Math.abs(Date.parse(e.timestamp) - Date.now()) < 5 * 60_000, 'timestamp is now');
    assert.match(e.type, /^room\.(create|update)\.success$/);
    assert.deepEqual(Object.keys(e).sort(), [
      'account_id',
      'app_id',
      'data',
      'id',
      'template_id',
      'timestamp',
      'type',
      'version',
    ]);
  }
}

/** [type, description] of the accepted events of one room, in arrival order. */
function roomHistory(deliveries: WebhookDelivery[], roomId: string): [string, string][] {
  return deliveries
    .filter((d) => d.envelope.data.room_id === roomId)
    .map((d) => [d.envelope.type, d.envelope.data.description]);
}

async function createRoom(server: TestServer, name: string, token?: string): Promise<any> {
  const res = await server.api('POST', '/v2/rooms', { name, description: 'v0' }, token);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

async function updateRoom(server: TestServer, roomId: string, description: string): Promise<void> {
  const res = await server.api('POST', `/v2/rooms/${roomId}`, { description });
  assert.equal(res.status, 200, JSON.stringify(res.body));
}

test('a receiver failing the first deliveries still gets every event once accepted, in order, signed', async (t) => {
  const secret = newSecret();
  const failFirst = 3;
  const receiver = await startWebhookReceiver({
    secret,
    answer: (_, index) => (index < failFirst ? 500 : 200),
  });
  t.after(() => receiver.close());
  const server = await startTestServer({
    env: {
      ...receiver.operatorEnv(),
      ...FAST_RETRIES,
    },
  });
  t.after(() => server.close());

  const alpha = await createRoom(server, 'alpha');
  await updateRoom(server, alpha.id, 'v1');
  const beta = await createRoom(server, 'beta');
  await updateRoom(server, alpha.id, 'v2');
  await updateRoom(server, beta.id, 'v1');
  await updateRoom(server, alpha.id, 'v3');

  await waitFor(() => receiver.accepted().length >= 6, { what: 'six accepted deliveries' });
  const accepted = receiver.accepted();
  assert.equal(receiver.deliveries.filter((r) => r.status === 500).length, failFirst);
  assertWellFormed(receiver.deliveries, server.workspaces[0]!.accessKey);

  // Once each, in order per room.
  const ids = accepted.map((d) => d.envelope.id);
  assert.equal(new Set(ids).size, 6, 'no event accepted twice');
  assert.deepEqual(roomHistory(accepted, alpha.id), [
    ['room.create.success', 'v0'],
    ['room.update.success', 'v1'],
    ['room.update.success', 'v2'],
    ['room.update.success', 'v3'],
  ]);
  assert.deepEqual(roomHistory(accepted, beta.id), [
    ['room.create.success', 'v0'],
    ['room.update.success', 'v1'],
  ]);

  // The data is the room's.
  const created = accepted.find((d) => d.envelope.data.room_id === alpha.id)!.envelope;
  assert.equal(created.template_id, alpha.template_id);
  assert.deepEqual(created.data, {
    room_id: alpha.id,
    room_name: 'alpha',
    template_id: alpha.template_id,
    enabled: true,
    description: 'v0',
    region: alpha.region,
    created_at: alpha.created_at,
    updated_at: alpha.updated_at,
  });

  // The log agrees: every event delivered, the retried ones with more than one attempt.
  const log = await waitFor(
    async () => {
      const rows = await allDeliveries((path) => server.api('GET', path));
      return rows.every((row) => row.status === 'delivered') && rows;
    },
    { what: 'the log to show every delivery delivered' },
  );
  assert.deepEqual(new Set(log.map((row) => row.event_id)), new Set(ids));
  assert.equal(
    log.reduce((sum, row) => sum + row.attempts, 0),
    6 + failFirst,
  );
  for (const row of log) {
    assert.equal(row.last_status_code, 200);
    assert.equal(row.last_error, null);
    assert.equal(row.next_attempt_at, null);
    assert.ok(row.delivered_at);
  }
});

test("a room's later events wait while its head event is retried; other rooms go on", async (t) => {
  const secret = newSecret();
  let holdHead = true;
  let headId: string | undefined;
  const receiver = await startWebhookReceiver({
    secret,
    answer: (d) => {
      headId ??= d.envelope.id; // the first event that arrives is room A's create
      return holdHead && d.envelope.id === headId ? 503 : 200;
    },
  });
  t.after(() => receiver.close());
  const server = await startTestServer({
    env: {
      ...receiver.operatorEnv(),
      ...FAST_RETRIES,
    },
  });
  t.after(() => server.close());

  const roomA = await createRoom(server, 'room-a');
  await waitFor(() => receiver.deliveries.length >= 2, { what: "room A's create to be retried" });
  await updateRoom(server, roomA.id, 'v1');
  await updateRoom(server, roomA.id, 'v2');
  const roomB = await createRoom(server, 'room-b');

  // Room B is not held up by room A's queue...
  await waitFor(() => receiver.accepted().some((d) => d.envelope.data.room_id === roomB.id), {
    what: "room B's event",
  });
  // ...while room A's head keeps being retried and its later events are not sent at all.
  const retriesBefore = receiver.deliveries.filter((d) => d.envelope.id === headId).length;
  await waitFor(
    () => receiver.deliveries.filter((d) => d.envelope.id === headId).length >= retriesBefore + 2,
    {
      what: "two more retries of room A's head",
    },
  );
  const roomAReceived = receiver.deliveries.filter((d) => d.envelope.data.room_id === roomA.id);
  assert.ok(
    roomAReceived.every((d) => d.envelope.id === headId),
    'nothing of room A but its head was sent',
  );
  const waiting = await allDeliveries((path) => server.api('GET', path), '&status=pending');
  const waitingOfA = waiting.filter((row) => row.room_id === roomA.id);
  assert.equal(waitingOfA.length, 3);
  const head = waitingOfA.find((row) => row.event_id === headId)!;
  assert.ok(head.attempts >= 3);
  assert.equal(head.last_status_code, 503);
  assert.equal(head.last_error, 'endpoint answered 503');
  for (const row of waitingOfA.filter((row) => row.event_id !== headId))
    assert.equal(row.attempts, 0);

  holdHead = false;
  await waitFor(() => receiver.accepted().length >= 4, { what: 'all four events accepted' });
  assertWellFormed(receiver.deliveries, server.workspaces[0]!.accessKey);
  assert.deepEqual(roomHistory(receiver.accepted(), roomA.id), [
    ['room.create.success', 'v0'],
    ['room.update.success', 'v1'],
    ['room.update.success', 'v2'],
  ]);
});

test('events written before kill -9 are delivered after a restart, and the logs hold no secrets', async (t) => {
  const envSecret = newSecret();
  const apiSecret = newSecret();
  const workspaces = [generateWorkspaceKey()];
  const accessKey = workspaces[0]!.accessKey;
  const managementToken = await new TokenService(workspaces).mint(accessKey, 'management');
  const dataDir = makeDataDir();
  const port = await unusedPort();
  const env = {
    CONVENE_WEBHOOK_URL: `http://127.0.0.1:${port}/env-hook`,
    CONVENE_WEBHOOK_SECRET: envSecret,
    LOG_LEVEL: 'debug',
    ...ALLOW_PRIVATE,
    ...FAST_RETRIES,
  };
  const processes: ServerProcess[] = [];
  t.after(async () => {
    for (const p of processes) await p.stop('SIGKILL');
  });
  const call = async (base: string, method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { authorization: `Bearer ${managementToken}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(base + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  // First life: the receiver is down, so nothing gets through.
  const first = await startServerProcess({ dataDir, workspaces, env });
  processes.push(first);
  const added = await call(first.url, 'POST', '/v2/webhooks', {
    url: `http://127.0.0.1:${port}/api-hook`,
    secret: apiSecret,
  });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  const one = (await call(first.url, 'POST', '/v2/rooms', { name: 'crash-one', description: 'v0' }))
    .body;
  const two = (await call(first.url, 'POST', '/v2/rooms', { name: 'crash-two', description: 'v0' }))
    .body;
  assert.equal(
    (await call(first.url, 'POST', `/v2/rooms/${one.id}`, { description: 'v1' })).status,
    200,
  );
  // Two endpoints, three events: six deliveries, of which the heads of the four (endpoint,
  // room) queues are tried and retried; room one's update waits behind its create.
  const tried = await waitFor(
    async () => {
      const rows = await allDeliveries((path) => call(first.url, 'GET', path));
      return rows.length === 6 && rows.filter((row) => row.attempts >= 2).length === 4 && rows;
    },
    { what: 'the head of each queue to have been retried' },
  );
  for (const row of tried) {
    assert.equal(row.status, 'pending');
    if (row.type === 'room.update.success') assert.equal(row.attempts, 0);
    // The operator's endpoint is logged with the reason; a tenant's only as unreachable, so the
    // log is no port scanner (webhook-ssrf.test.ts).
    else if (row.endpoint_id === added.body.id)
      assert.equal(row.last_error, 'could not connect to the endpoint');
    else assert.match(row.last_error, /ECONNREFUSED/, 'the log says why');
  }
  await first.stop('SIGKILL');

  // Second life: the receiver is up and the new process sends what the dead one could not.
  const receiver = await startWebhookReceiver({
    port,
    secret: (path) => (path === '/api-hook' ? apiSecret : envSecret),
  });
  t.after(() => receiver.close());
  const second = await startServerProcess({ dataDir, workspaces, env });
  processes.push(second);
  await waitFor(() => receiver.accepted().length >= 6, {
    timeoutMs: 20_000,
    what: 'six deliveries after the restart',
  });
  assertWellFormed(receiver.deliveries, accessKey);
  for (const path of ['/env-hook', '/api-hook']) {
    const accepted = receiver.accepted(path);
    assert.deepEqual(roomHistory(accepted, one.id), [
      ['room.create.success', 'v0'],
      ['room.update.success', 'v1'],
    ]);
    assert.deepEqual(roomHistory(accepted, two.id), [['room.create.success', 'v0']]);
  }
  assert.deepEqual(
    new Set(receiver.accepted().map((d) => d.envelope.id)),
    new Set(tried.map((row) => row.event_id)),
  );
  const log = await waitFor(
    async () => {
      const rows = await allDeliveries((path) => call(second.url, 'GET', path));
      return rows.every((row) => row.status === 'delivered') && rows;
    },
    { what: 'the log to show every delivery delivered' },
  );
  assert.equal(log.length, 6);
  await second.stop('SIGTERM');

  // Both lives logged requests and failed deliveries, and never a credential.
  const output = first.output() + second.output();
  assert.match(output, /webhook delivery failed/);
  assert.match(
    output,
    /ECONNREFUSED[^\n]*"msg":"webhook delivery got no answer"/,
    'the reason, for the operator',
  );
  assert.match(output, /\/v2\/webhooks/);
  for (const [name, value] of [
    ['the env webhook secret', envSecret],
    ['the API webhook secret', apiSecret],
    ['the management token', managementToken],
    ['the workspace secret', workspaces[0]!.secret],
  ] as const) {
    assert.ok(!output.includes(value), `the logs contain ${name}`);
    assert.ok(
      !output.includes(value.replace(/^whsec_/, '')),
      `the logs contain ${name} without its prefix`,
    );
  }
});

test('the delivery log lists deliveries with filters, and a replay sends the same webhook again', async (t) => {
  const secret = newSecret();
  const receiver = await startWebhookReceiver({
    secret,
    answer: (d) => (d.path === '/down' ? 500 : 200),
  });
  t.after(() => receiver.close());
  const server = await startTestServer({
    env: {
      ...receiver.operatorEnv('/up'),
      ...ALLOW_PRIVATE,
      ...FAST_RETRIES,
    },
  });
  t.after(() => server.close());
  const up = (await server.api('GET', '/v2/webhooks')).body.data[0];
  const downRes = await server.api('POST', '/v2/webhooks', { url: `${receiver.url}/down`, secret });
  assert.equal(downRes.status, 201);
  const down = downRes.body;

  const room = await createRoom(server, 'replayed');
  await updateRoom(server, room.id, 'v1');
  await waitFor(() => receiver.accepted('/up').length === 2, { what: 'two deliveries to /up' });
  await waitFor(() => receiver.deliveries.filter((d) => d.path === '/down').length >= 2, {
    what: 'retries to /down',
  });
  const list = (query: string) => allDeliveries((path) => server.api('GET', path), query);

  // Filters: by endpoint, by status, and both.
  const ofUp = await waitFor(async () => {
    const rows = await list(`&endpoint_id=${up.id}`);
    return rows.every((row) => row.status === 'delivered') && rows;
  });
  assert.equal(ofUp.length, 2);
  assert.ok(
    ofUp.every(
      (row) => row.endpoint_id === up.id && row.attempts === 1 && row.last_status_code === 200,
    ),
  );
  const ofDown = await list(`&endpoint_id=${down.id}`);
  assert.equal(ofDown.length, 2);
  assert.ok(ofDown.every((row) => row.endpoint_id === down.id && row.status === 'pending'));
  const head = ofDown.find((row) => row.type === 'room.create.success')!;
  assert.ok(
    head.attempts >= 1 &&
      head.last_status_code === 500 &&
      head.last_error === 'endpoint answered 500',
  );
  assert.ok(Date.parse(head.next_attempt_at) > 0);
  assert.deepEqual(
    (await list('&status=delivered')).map((row) => row.id).sort(),
    ofUp.map((row) => row.id).sort(),
  );
  assert.deepEqual(
    (await list('&status=pending')).map((row) => row.id).sort(),
    ofDown.map((row) => row.id).sort(),
  );
  assert.equal((await list(`&status=delivered&endpoint_id=${down.id}`)).length, 0);
  assert.equal((await list('&status=failed')).length, 0);
  const byEvent = await list(`&event_id=${head.event_id}`);
  assert.deepEqual(byEvent.map((row) => row.endpoint_id).sort(), [up.id, down.id].sort());
  const bad = await server.api('GET', '/v2/webhooks/deliveries?status=lost');
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.details, ['invalid_field:status']);
  // Pages of one, walked by cursor, give the same log.
  const first = await server.api('GET', '/v2/webhooks/deliveries?limit=1');
  assert.equal(first.body.data.length, 1);
  assert.notEqual(first.body.last, '');
  const next = await server.api('GET', `/v2/webhooks/deliveries?limit=1&start=${first.body.last}`);
  assert.notEqual(next.body.data[0].id, first.body.data[0].id);

  // Replay a delivered one: the same webhook-id arrives again, signed.
  const original = ofUp.find((row) => row.type === 'room.create.success')!;
  const replay = await server.api('POST', `/v2/webhooks/deliveries/${original.id}/replay`);
  assert.equal(replay.status, 202, JSON.stringify(replay.body));
  assert.notEqual(replay.body.id, original.id);
  assert.equal(replay.body.event_id, original.event_id);
  assert.equal(replay.body.endpoint_id, up.id);
  assert.equal(replay.body.status, 'pending');
  assert.equal(replay.body.attempts, 0);
  await waitFor(() => receiver.accepted('/up').length === 3, { what: 'the replayed delivery' });
  const again = receiver.accepted('/up')[2]!;
  assertWellFormed([again], server.workspaces[0]!.accessKey);
  assert.equal(again.headers['webhook-id'], original.event_id);
  assert.equal(again.body, receiver.accepted('/up')[0]!.body, 'the same body');
  const replayed = await waitFor(async () => {
    const rows = await list(`&event_id=${original.event_id}&endpoint_id=${up.id}`);
    return rows.length === 2 && rows.every((row) => row.status === 'delivered') && rows;
  });
  assert.deepEqual(replayed.map((row) => row.id).sort(), [original.id, replay.body.id].sort());

  // What cannot be replayed: an unknown id, another workspace's delivery, one still pending,
  // one whose endpoint is gone.
  assert.equal(
    (await server.api('POST', '/v2/webhooks/deliveries/000000000000000000000000/replay')).status,
    404,
  );
  const other = await server.api(
    'POST',
    `/v2/webhooks/deliveries/${original.id}/replay`,
    undefined,
    await server.managementToken(1),
  );
  assert.equal(other.status, 404);
  assert.equal(
    (await server.api('GET', '/v2/webhooks/deliveries', undefined, await server.managementToken(1)))
      .body.data.length,
    0,
  );
  const pending = await server.api('POST', `/v2/webhooks/deliveries/${head.id}/replay`);
  assert.equal(pending.status, 409);
  assert.deepEqual(pending.body.details, ['delivery_pending']);
  assert.equal((await server.api('DELETE', `/v2/webhooks/${down.id}`)).status, 204);
  const ended = await list(`&endpoint_id=${down.id}`);
  assert.ok(ended.every((row) => row.status === 'failed' && row.last_error === 'endpoint removed'));
  assert.deepEqual(
    (await list('&status=failed')).map((row) => row.id).sort(),
    ofDown.map((row) => row.id).sort(),
  );
  const orphan = await server.api('POST', `/v2/webhooks/deliveries/${head.id}/replay`);
  assert.equal(orphan.status, 409);
  assert.deepEqual(orphan.body.details, ['endpoint_removed']);
});

test('the endpoints API validates, shows the secret once, and keeps workspaces apart', async (t) => {
  const server = await startTestServer();
  t.after(() => server.close());
  const tokenB = await server.managementToken(1);
  const post = (body: unknown, token?: string) => server.api('POST', '/v2/webhooks', body, token);

  // Validation names the field.
  for (const [body, field] of [
    [{}, 'url'],
    [{ url: 'not a url' }, 'url'],
    [{ url: 'ftp://example.com/hook' }, 'url'],
    [{ url: 'http://user:password@example.com/hook' }, 'url'],
    [{ url: 42 }, 'url'],
    [{ url: 'https://example.com/hook', secret: 'abc' }, 'secret'],
    [{ url: 'https://example.com/hook', secret: 'whsec_!!!!' }, 'secret'],
    [{ url: 'https://example.com/hook', secret: 'whsec_QUJD' }, 'secret'],
    [
      { url: 'https://example.com/hook', secret: `whsec_${randomBytes(100).toString('base64')}` },
      'secret',
    ],
    [{ url: 'https://example.com/hook', secret: randomBytes(32).toString('base64') }, 'secret'],
    [{ url: 'https://example.com/hook', events: ['room.create.success'] }, 'events'],
  ] as const) {
    const res = await post(body);
    assert.equal(res.status, 400, `${JSON.stringify(body)} -> ${JSON.stringify(res.body)}`);
    assert.equal(res.body.code, 400);
    assert.deepEqual(res.body.details, [`invalid_field:${field}`], JSON.stringify(body));
    assert.match(res.body.message, new RegExp(`\\b${field}\\b`));
  }
  assert.equal(
    (await server.api('POST', '/v2/webhooks', { url: 'https://example.com/hook' }, '')).status,
    401,
  );

  // The secret is shown once: generated, or the one sent.
  const generated = await post({ url: 'https://example.com/a' });
  assert.equal(generated.status, 201, JSON.stringify(generated.body));
  assert.match(generated.body.secret, /^whsec_[A-Za-z0-9+/]+=*$/);
  new Webhook(generated.body.secret); // usable by the receiver's library
  assert.equal(generated.body.url, 'https://example.com/a');
  assert.equal(generated.body.source, 'api');
  const chosen = newSecret();
  const given = await post({ url: 'http://example.com/b', secret: chosen });
  assert.equal(given.status, 201);
  assert.equal(given.body.secret, chosen);

  const listA = await server.api('GET', '/v2/webhooks');
  assert.equal(listA.status, 200);
  assert.deepEqual(
    listA.body.data.map((e: any) => e.id).sort(),
    [generated.body.id, given.body.id].sort(),
  );
  for (const endpoint of listA.body.data)
    assert.deepEqual(Object.keys(endpoint).sort(), ['created_at', 'id', 'source', 'url']);
  const listed = JSON.stringify(listA.body);
  assert.ok(
    !listed.includes(chosen) && !listed.includes(generated.body.secret),
    'no secret in the list',
  );

  // Workspace B sees none of A's endpoints and cannot remove them.
  assert.deepEqual((await server.api('GET', '/v2/webhooks', undefined, tokenB)).body.data, []);
  const stolen = await server.api('DELETE', `/v2/webhooks/${given.body.id}`, undefined, tokenB);
  assert.equal(stolen.status, 404);
  assert.deepEqual(stolen.body.details, ['endpoint_not_found']);

  assert.equal((await server.api('DELETE', `/v2/webhooks/${given.body.id}`)).status, 204);
  assert.equal((await server.api('DELETE', `/v2/webhooks/${given.body.id}`)).status, 404);
  assert.deepEqual(
    (await server.api('GET', '/v2/webhooks')).body.data.map((e: any) => e.id),
    [generated.body.id],
  );
  assert.equal((await server.api('DELETE', `/v2/webhooks/${generated.body.id}`)).status, 204);
});

test("events of one workspace never reach another workspace's endpoint", async (t) => {
  const secretA = newSecret();
  const secretB = newSecret();
  const receiver = await startWebhookReceiver({
    secret: (path) => (path === '/a' ? secretA : secretB),
  });
  t.after(() => receiver.close());
  const server = await startTestServer({ env: ALLOW_PRIVATE });
  t.after(() => server.close());
  const tokenB = await server.managementToken(1);
  const [keyA, keyB] = server.workspaces.map((w) => w.accessKey);
  const endpointA = (
    await server.api('POST', '/v2/webhooks', { url: `${receiver.url}/a`, secret: secretA })
  ).body;
  const endpointB = (
    await server.api('POST', '/v2/webhooks', { url: `${receiver.url}/b`, secret: secretB }, tokenB)
  ).body;

  const roomB = await createRoom(server, 'same-name', tokenB);
  const roomA = await createRoom(server, 'same-name');
  await waitFor(() => receiver.accepted().length >= 2, { what: 'one delivery per workspace' });

  assert.deepEqual(
    receiver.accepted('/a').map((d) => [d.envelope.account_id, d.envelope.data.room_id]),
    [[keyA, roomA.id]],
  );
  assert.deepEqual(
    receiver.accepted('/b').map((d) => [d.envelope.account_id, d.envelope.data.room_id]),
    [[keyB, roomB.id]],
  );
  assertWellFormed(receiver.accepted('/a'), keyA!);
  assertWellFormed(receiver.accepted('/b'), keyB!);
  // The outbox queued B's event for B's endpoint only, and each log is its own workspace's.
  const logA = await allDeliveries((path) => server.api('GET', path));
  const logB = await allDeliveries((path) => server.api('GET', path, undefined, tokenB));
  assert.deepEqual(
    logA.map((row) => [row.endpoint_id, row.room_id]),
    [[endpointA.id, roomA.id]],
  );
  assert.deepEqual(
    logB.map((row) => [row.endpoint_id, row.room_id]),
    [[endpointB.id, roomB.id]],
  );
});

test('retries start at 5 s, double up to 1 h, and go on for at least 24 h by default', () => {
  const config = loadConfig({}).webhooks;
  assert.equal(config.firstRetryMs, 5_000);
  assert.equal(config.maxRetryIntervalMs, 3_600_000);
  assert.equal(config.retryWindowMs, 25 * 3_600_000);
  assert.deepEqual(
    [1, 2, 3, 4, 5, 10, 11, 12].map((attempts) => retryDelay(config, attempts)),
    [5_000, 10_000, 20_000, 40_000, 80_000, 2_560_000, 3_600_000, 3_600_000],
  );
  assert.equal(retryDelay(config, 5_000), 3_600_000, 'no overflow after many attempts');

  // Play the schedule of a delivery that always fails, each attempt taking no time.
  const attemptTimes = [0];
  for (;;) {
    const next = nextAttemptAt(config, attemptTimes.length, 0, attemptTimes.at(-1)!);
    if (next === null) break;
    attemptTimes.push(next);
  }
  const hours = (ms: number) => ms / 3_600_000;
  assert.equal(attemptTimes[1], 5_000, 'the first retry comes 5 s after the first attempt');
  assert.ok(hours(attemptTimes.at(-1)!) >= 24, `last attempt at ${hours(attemptTimes.at(-1)!)} h`);
  assert.ok(hours(attemptTimes.at(-1)!) <= 25);
  const gaps = attemptTimes.slice(1).map((time, i) => time - attemptTimes[i]!);
  assert.ok(
    gaps.every((gap) => gap <= 3_600_000),
    'never more than an hour between attempts',
  );
  // Eleven attempts in the first 85 minutes (gaps of 5 s to 2560 s), then one an hour.
  assert.equal(attemptTimes.length, 34);
});

test('a delivery still failing when its retry window ends is marked failed, and unblocks its room', async (t) => {
  const secret = newSecret();
  let accept = false;
  const receiver = await startWebhookReceiver({ secret, answer: () => (accept ? 200 : 500) });
  t.after(() => receiver.close());
  const server = await startTestServer({
    env: {
      ...receiver.operatorEnv(),
      CONVENE_WEBHOOK_RETRY_WINDOW_MS: '2000',
      ...FAST_RETRIES,
    },
  });
  t.after(() => server.close());
  const list = (query = '') => allDeliveries((path) => server.api('GET', path), query);

  const room = await createRoom(server, 'given-up');
  const [failed] = await waitFor(
    async () => {
      const rows = await list('&status=failed');
      return rows.length === 1 && rows;
    },
    { what: 'the delivery to be marked failed' },
  );
  // Retried 50, 100, then every 200 ms: about ten attempts in the 2 s window on a quiet
  // machine; a loaded one (each attempt a request and a write) fits fewer, but never under 3.
  assert.ok(failed.attempts >= 3, `attempts: ${failed.attempts}`);
  assert.equal(failed.last_status_code, 500);
  assert.equal(failed.last_error, 'endpoint answered 500');
  assert.equal(failed.next_attempt_at, null);
  assert.equal(receiver.deliveries.length, failed.attempts, 'one request per attempt');
  assertWellFormed(receiver.deliveries, server.workspaces[0]!.accessKey);

  // A replay gets a window of its own, though its event is older than the window.
  const replay = await server.api('POST', `/v2/webhooks/deliveries/${failed.id}/replay`);
  assert.equal(replay.status, 202);
  const replayFailed = await waitFor(
    async () => {
      const rows = await list('&status=failed');
      return rows.length === 2 && rows.find((row) => row.id === replay.body.id);
    },
    { what: 'the replay to be given up too' },
  );
  assert.ok(
    replayFailed.attempts >= 3,
    `the replay was retried: ${replayFailed.attempts} attempts`,
  );

  // The failed head no longer holds the room's queue.
  accept = true;
  await updateRoom(server, room.id, 'v1');
  await waitFor(() => receiver.accepted().length === 1, { what: 'the next event of the room' });
  assert.equal(receiver.accepted()[0]!.envelope.type, 'room.update.success');
});

test('stopping the server aborts a delivery in flight, which stays pending for the next run', async (t) => {
  const hanging = await startWebhookReceiver({ answer: 'never' });
  t.after(() => hanging.close());
  const env = {
    CONVENE_WEBHOOK_URL: `${hanging.url}/hook`,
    CONVENE_WEBHOOK_SECRET: newSecret(),
    CONVENE_WEBHOOK_TIMEOUT_MS: '60000',
  };
  const first = await startTestServer({ env });
  await createRoom(first, 'in-flight-at-shutdown');
  await hanging.waitForDelivery(() => true, { what: 'the delivery to be in flight' });

  const started = Date.now();
  await first.close();
  const seconds = (Date.now() - started) / 1000;
  assert.ok(seconds < 5, `shutdown took ${seconds} s with a hanging endpoint`);

  const second = await startTestServer({
    env,
    dataDir: first.dataDir,
    workspaces: first.workspaces,
  });
  t.after(() => second.close());
  const log = await allDeliveries((path) => second.api('GET', path));
  assert.equal(log.length, 1);
  assert.equal(log[0].status, 'pending');
});

// Webhook endpoints added over REST cannot be aimed at the server's own network: refused when
// added if the URL names a non-public address, and refused at delivery when a name resolves to
// one. The delivery log never tells a tenant more than "could not connect", so it is no port
// scanner. The operator may allow private targets with CONVENE_WEBHOOK_ALLOW_PRIVATE=true.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { makeDataDir, startTestServer, waitFor, type TestServer } from '../support/test-server.ts';
import { startWebhookReceiver, unusedPort } from '../support/webhook-receiver.ts';
import type { HostResolver } from '../../server/webhooks/delivery-client.ts';
import { addressClass, hostnameClass } from '../../server/webhooks/address-policy.ts';
import { checkPublicWebhookUrl } from '../../server/api/webhooks.ts';

/** What a tenant's log says for every delivery that got no HTTP answer. */
const NEUTRAL = 'could not connect to the endpoint';
const ALLOW_PRIVATE = { CONVENE_WEBHOOK_ALLOW_PRIVATE: 'true' };
const FAST_RETRIES = {
  CONVENE_WEBHOOK_FIRST_RETRY_MS: '50',
  CONVENE_WEBHOOK_MAX_RETRY_INTERVAL_MS: '200',
};

/**
 * A resolver that answers the given names with the given addresses, as a DNS server under a
 * tenant's control could, and fails for any other name as an unknown one does. It records what
 * it was asked, so a test can tell the delivery resolved the name.
 */
function resolverOf(names: Record<string, string[]>): HostResolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve = async (hostname: string) => {
    asked.push(hostname);
    const addresses = names[hostname];
    if (!addresses) {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    }
    return addresses.map((address) => ({ address, family: net.isIP(address) as 4 | 6 }));
  };
  return Object.assign(resolve, { asked });
}

async function addEndpoint(server: TestServer, url: string): Promise<string> {
  const res = await server.api('POST', '/v2/webhooks', { url });
  assert.equal(res.status, 201, `${url} -> ${JSON.stringify(res.body)}`);
  return res.body.id;
}

async function createRoom(server: TestServer): Promise<void> {
  const res = await server.api('POST', '/v2/rooms', {
    name: `room-${randomBytes(4).toString('hex')}`,
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
}

/** The log row of an endpoint's one delivery, once it has been attempted `attempts` times. */
async function attempted(server: TestServer, endpointId: string, attempts = 1): Promise<any> {
  return waitFor(
    async () => {
      const res = await server.api('GET', `/v2/webhooks/deliveries?endpoint_id=${endpointId}`);
      const row = res.body.data[0];
      return row && row.attempts >= attempts && row;
    },
    { what: `${attempts} attempts to endpoint ${endpointId}` },
  );
}

/** What the log tells the tenant about an attempt. */
const outcome = (row: any) => ({
  status: row.status,
  last_status_code: row.last_status_code,
  last_error: row.last_error,
});

/** [url, the class the refusal names], one or more per class and spelling. */
const REFUSED: [string, string][] = [
  ['http://127.0.0.1:8080/hook', 'loopback'],
  ['http://127.255.255.254/', 'loopback'],
  ['http://localhost:3000/', 'loopback'],
  ['http://LOCALHOST./', 'loopback'],
  ['http://hooks.localhost/', 'loopback'],
  ['http://[::1]/', 'loopback'],
  ['http://[::ffff:127.0.0.1]/', 'loopback'],
  ['http://[0:0:0:0:0:ffff:7f00:1]/', 'loopback'],
  ['http://[64:ff9b::127.0.0.1]/', 'loopback'],
  // Spellings the URL parser reads as 127.0.0.1.
  ['http://2130706433/', 'loopback'],
  ['http://0x7f.1/', 'loopback'],
  ['http://0x7f000001/', 'loopback'],
  ['http://017700000001/', 'loopback'],
  ['http://0177.0.0.1/', 'loopback'],
  ['http://127.1/', 'loopback'],
  ['http://127.0.0.1./', 'loopback'],
  ['http://%31%32%37.0.0.1/', 'loopback'],
  ['http://0.0.0.0:8080/', 'unspecified'],
  ['http://0/', 'unspecified'],
  ['http://[::]/', 'unspecified'],
  ['http://10.0.0.1/', 'private'],
  ['http://172.16.0.1/', 'private'],
  ['http://172.31.255.255/', 'private'],
  ['http://192.168.1.1/', 'private'],
  ['http://[fc00::1]/', 'private'],
  ['http://[fd12:3456::1]/', 'private'],
  ['http://[::ffff:10.0.0.1]/', 'private'],
  ['http://169.254.169.254/latest/meta-data/', 'link-local'],
  ['http://[::ffff:169.254.169.254]/', 'link-local'],
  ['http://[fe80::1]/', 'link-local'],
  ['http://100.64.0.1/', 'carrier-grade NAT'],
  ['http://100.127.255.255/', 'carrier-grade NAT'],
  ['http://224.0.0.1/', 'multicast'],
  ['http://[ff02::1]/', 'multicast'],
  ['http://240.0.0.1/', 'reserved'],
  ['http://255.255.255.255/', 'reserved'],
  ['http://192.0.2.1/', 'reserved'],
  ['http://[2001:db8::1]/', 'reserved'],
  ['http://[::127.0.0.1]/', 'loopback'],
];

/** Public addresses beside the refused ranges, and names (judged only at delivery). */
const ACCEPTED = [
  'https://example.com/hook',
  'http://172.32.0.1/',
  'http://100.128.0.1/',
  'http://169.253.255.255/',
  'http://8.8.8.8/',
  'http://[2606:4700::1111]/',
  'http://[::ffff:8.8.8.8]/',
  'http://localhost.example.com/',
];

test('an endpoint aimed at a non-public address is refused when added, naming the field url', async (t) => {
  const server = await startTestServer();
  t.after(() => server.close());
  for (const [url, what] of REFUSED) {
    const res = await server.api('POST', '/v2/webhooks', { url });
    assert.equal(res.status, 400, `${url} -> ${JSON.stringify(res.body)}`);
    assert.equal(res.body.code, 400);
    assert.deepEqual(res.body.details, ['invalid_field:url'], url);
    assert.match(res.body.message, /^invalid field url: /, url);
    assert.ok(res.body.message.includes(what), `${url}: "${res.body.message}" names ${what}`);
  }
  assert.deepEqual((await server.api('GET', '/v2/webhooks')).body.data, [], 'nothing was added');

  for (const url of ACCEPTED) {
    const res = await server.api('POST', '/v2/webhooks', { url });
    assert.equal(res.status, 201, `${url} -> ${JSON.stringify(res.body)}`);
  }
});

/** Ways to write the IPv4 address `n` in a URL that reach the same host. */
function spellings(n: number): string[] {
  const bytes = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255] as const;
  const dotted = bytes.join('.');
  const high = (n >>> 16).toString(16);
  const low = (n & 0xffff).toString(16);
  return [
    dotted,
    String(n),
    `0x${n.toString(16)}`,
    `0${n.toString(8)}`,
    bytes.map((b) => `0x${b.toString(16)}`).join('.'),
    bytes.map((b) => `0${b.toString(8)}`).join('.'),
    `${bytes[0]}.${bytes[1]}.${(bytes[2] << 8) | bytes[3]}`,
    `${bytes[0]}.${n & 0xffffff}`,
    `${dotted}.`,
    `[::ffff:${dotted}]`,
    `[::ffff:${high}:${low}]`,
    `[64:ff9b::${dotted}]`,
    `[2002:${high}:${low}::1]`,
  ];
}

const uint32 = fc.integer({ min: 0, max: 0xffffffff });

test('every spelling of an IPv4 address is judged as the address itself', () => {
  fc.assert(
    fc.property(uint32, (n) => {
      const expected = addressClass(spellings(n)[0]!);
      for (const spelling of spellings(n)) {
        const url = `http://${spelling}/hook`;
        assert.equal(hostnameClass(new URL(url).hostname), expected, url);
        if (expected) assert.throws(() => checkPublicWebhookUrl(url), /invalid field url/, url);
        else assert.doesNotThrow(() => checkPublicWebhookUrl(url), url);
      }
    }),
    { numRuns: 2000 },
  );
});

test('every address of the refused IPv4 ranges is refused', () => {
  // The ranges as the requirement lists them, kept apart from the server's own table.
  const ranges: [string, number][] = [
    ['127.0.0.0', 8],
    ['10.0.0.0', 8],
    ['172.16.0.0', 12],
    ['192.168.0.0', 16],
    ['169.254.0.0', 16],
    ['100.64.0.0', 10],
    ['0.0.0.0', 8],
    ['224.0.0.0', 4],
    ['240.0.0.0', 4],
  ];
  const toInt = (dotted: string) =>
    dotted.split('.').reduce((sum, byte) => sum * 256 + Number(byte), 0);
  fc.assert(
    fc.property(fc.constantFrom(...ranges), uint32, ([network, prefix], random) => {
      const n = toInt(network) + (random % 2 ** (32 - prefix));
      for (const spelling of spellings(n)) {
        assert.ok(hostnameClass(new URL(`http://${spelling}/`).hostname), spelling);
      }
    }),
    { numRuns: 2000 },
  );
});

test('the operator can allow endpoints at non-public addresses', async (t) => {
  const server = await startTestServer({ env: { CONVENE_WEBHOOK_ALLOW_PRIVATE: 'true' } });
  t.after(() => server.close());
  for (const [url] of REFUSED) {
    const res = await server.api('POST', '/v2/webhooks', { url });
    assert.equal(res.status, 201, `${url} -> ${JSON.stringify(res.body)}`);
  }
});

test('a name that resolves to a non-public address is refused at delivery, before any connection', async (t) => {
  const receiver = await startWebhookReceiver();
  t.after(() => receiver.close());
  const resolveHost = resolverOf({
    'hooks.example.test': ['127.0.0.1'],
    'mixed.example.test': ['10.0.0.7', '127.0.0.1', '::1', '169.254.169.254'],
  });
  const server = await startTestServer({ env: FAST_RETRIES, resolveHost });
  t.after(() => server.close());
  // The names pass when added: only resolution tells where they lead.
  const endpoints = [
    await addEndpoint(server, `http://hooks.example.test:${receiver.port}/hook`),
    await addEndpoint(server, `http://mixed.example.test:${receiver.port}/hook`),
    // No certificate needed: were the name not refused, the connection alone would count.
    await addEndpoint(server, `https://hooks.example.test:${receiver.port}/hook`),
  ];

  await createRoom(server);
  for (const endpoint of endpoints) {
    // Retries are refused too: the name is resolved, and judged, at every attempt.
    const row = await attempted(server, endpoint, 2);
    assert.deepEqual(outcome(row), {
      status: 'pending',
      last_status_code: null,
      last_error: NEUTRAL,
    });
  }
  assert.ok(resolveHost.asked.includes('hooks.example.test'), 'the delivery resolved the name');
  assert.ok(resolveHost.asked.includes('mixed.example.test'));
  assert.equal(receiver.connections(), 0, 'the receiver was never connected to');
  assert.deepEqual(receiver.deliveries, []);
});

test('the same name reaches its receiver when the operator allows private addresses', async (t) => {
  const receiver = await startWebhookReceiver();
  t.after(() => receiver.close());
  const resolveHost = resolverOf({ 'hooks.example.test': ['127.0.0.1'] });
  const server = await startTestServer({ env: ALLOW_PRIVATE, resolveHost });
  t.after(() => server.close());
  const endpoint = await addEndpoint(server, `http://hooks.example.test:${receiver.port}/hook`);

  await createRoom(server);
  const row = await waitFor(async () => {
    const res = await server.api('GET', `/v2/webhooks/deliveries?endpoint_id=${endpoint}`);
    return res.body.data[0]?.status === 'delivered' && res.body.data[0];
  });
  assert.equal(row.last_status_code, 200);
  assert.deepEqual(
    receiver.deliveries.map((d) => d.headers['webhook-id']),
    [row.event_id],
  );
});

test('an endpoint added while private addresses were allowed is refused at delivery once they are not', async (t) => {
  const receiver = await startWebhookReceiver();
  t.after(() => receiver.close());
  const dataDir = makeDataDir();
  const allowing = await startTestServer({ dataDir, env: ALLOW_PRIVATE });
  const literal = await addEndpoint(allowing, `http://127.0.0.1:${receiver.port}/hook`);
  const mapped = await addEndpoint(allowing, `http://[::ffff:127.0.0.1]:${receiver.port}/hook`);
  const named = await addEndpoint(allowing, `http://localhost:${receiver.port}/hook`);
  await allowing.close();

  const server = await startTestServer({
    dataDir,
    workspaces: allowing.workspaces,
    env: FAST_RETRIES,
  });
  t.after(() => server.close());
  await createRoom(server);
  for (const endpoint of [literal, mapped, named]) {
    const row = await attempted(server, endpoint);
    assert.deepEqual(outcome(row), {
      status: 'pending',
      last_status_code: null,
      last_error: NEUTRAL,
    });
  }
  assert.equal(receiver.connections(), 0, 'the receiver was never connected to');
});

test("a tenant's log reads the same for a refused target whether its port is open or closed", async (t) => {
  const open = await startWebhookReceiver({ answer: 404 });
  t.after(() => open.close());
  const closedPort = await unusedPort();
  const resolveHost = resolverOf({
    'open.example.test': ['127.0.0.1'],
    'closed.example.test': ['127.0.0.1'],
  });
  const server = await startTestServer({ env: FAST_RETRIES, resolveHost });
  t.after(() => server.close());
  const toOpen = await addEndpoint(server, `http://open.example.test:${open.port}/`);
  const toClosed = await addEndpoint(server, `http://closed.example.test:${closedPort}/`);

  await createRoom(server);
  const openRow = await attempted(server, toOpen, 2);
  const closedRow = await attempted(server, toClosed, 2);
  assert.deepEqual(outcome(openRow), outcome(closedRow));
  assert.equal(openRow.last_error, NEUTRAL);
  assert.equal(open.connections(), 0);
});

test("every delivery that gets no answer reads the same in a tenant's log", async (t) => {
  const silent = await startWebhookReceiver({ answer: 'never' });
  t.after(() => silent.close());
  const closedPort = await unusedPort();
  const resolveHost = resolverOf({ 'silent.example.test': ['127.0.0.1'] });
  // Private addresses allowed, so each of these really is tried; a refused one reads NEUTRAL too.
  const server = await startTestServer({
    env: { ...ALLOW_PRIVATE, ...FAST_RETRIES, CONVENE_WEBHOOK_TIMEOUT_MS: '300' },
    resolveHost,
  });
  t.after(() => server.close());
  const endpoints = {
    'connection refused': await addEndpoint(server, `http://127.0.0.1:${closedPort}/`),
    'no answer in time': await addEndpoint(server, `http://silent.example.test:${silent.port}/`),
    'unknown name': await addEndpoint(server, 'http://nowhere.example.test/'),
  };

  await createRoom(server);
  for (const [what, endpoint] of Object.entries(endpoints)) {
    const row = await attempted(server, endpoint);
    assert.deepEqual(
      outcome(row),
      { status: 'pending', last_status_code: null, last_error: NEUTRAL },
      what,
    );
  }
  assert.ok(silent.deliveries.length >= 1, 'the silent receiver was sent the delivery');
  assert.ok(resolveHost.asked.includes('nowhere.example.test'));
});

test('a redirect is not followed: the endpoint answered 3xx, and the delivery ends there', async (t) => {
  const trap = await startWebhookReceiver();
  t.after(() => trap.close());
  const redirecting = await startWebhookReceiver({
    answer: 307,
    headers: { location: `http://127.0.0.1:${trap.port}/` },
  });
  t.after(() => redirecting.close());
  const server = await startTestServer({
    env: {
      CONVENE_WEBHOOK_URL: `http://127.0.0.1:${redirecting.port}/hook`,
      CONVENE_WEBHOOK_SECRET: `whsec_${randomBytes(32).toString('base64')}`,
      ...FAST_RETRIES,
    },
  });
  t.after(() => server.close());
  const [endpoint] = (await server.api('GET', '/v2/webhooks')).body.data;

  await createRoom(server);
  const row = await attempted(server, endpoint.id, 2);
  assert.deepEqual(outcome(row), {
    status: 'pending',
    last_status_code: 307,
    last_error: 'endpoint answered 307',
  });
  assert.ok(redirecting.deliveries.length >= 2);
  assert.equal(trap.connections(), 0, 'the redirect target was never connected to');
});

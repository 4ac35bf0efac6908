// Webhook endpoints added over REST cannot be aimed at the server's own network: refused when
// added if the URL names a non-public address, and refused at delivery when a name resolves to
// one. The delivery log never tells a tenant more than "could not connect", so it is no port
// scanner. The operator may allow private targets with CONVENE_WEBHOOK_ALLOW_PRIVATE=true.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from '../support/test-server.ts';

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

test('the operator can allow endpoints at non-public addresses', async (t) => {
  const server = await startTestServer({ env: { CONVENE_WEBHOOK_ALLOW_PRIVATE: 'true' } });
  t.after(() => server.close());
  for (const [url] of REFUSED) {
    const res = await server.api('POST', '/v2/webhooks', { url });
    assert.equal(res.status, 201, `${url} -> ${JSON.stringify(res.body)}`);
  }
});

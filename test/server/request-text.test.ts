// U+0000 in any text of a request is a 400 naming where it is, on SQLite as on PostgreSQL (whose
// text cannot hold it: there it was a 500 on writes and on lookups alike).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { assertInvalidField, rawRequest, uniqueName } from './api-assertions.ts';

let server: TestServer;

before(async () => {
  server = await startTestServer();
});

after(async () => {
  await server.close();
});

describe('U+0000 in a request', () => {
  it('is a 400 naming the body field that holds it, at any depth', async () => {
    assertInvalidField(
      await server.api('POST', '/v2/rooms', { name: uniqueName('r'), description: 'a\u0000b' }),
      'description',
    );
    assertInvalidField(
      await server.api('POST', '/v2/templates', {
        name: uniqueName('t'),
        settings: { nested: { list: ['fine', 'not\u0000fine'] } },
      }),
      'settings.nested.list.1',
    );
    assertInvalidField(
      await server.api('POST', '/v2/templates', {
        name: uniqueName('t'),
        destinations: { 'a\u0000': 1 },
      }),
      'destinations',
    );
    assertInvalidField(
      await server.api('POST', '/v2/webhooks', { url: 'https://a.example/\u0000' }),
      'url',
    );
  });

  it('is a 400 on POST /v2/token, whatever the content type', async () => {
    const response = await rawRequest(server, 'POST', '/v2/token', {
      body: JSON.stringify({ code: 'abc-defg-hij\u0000' }),
    });
    assertInvalidField(response, 'code');
  });

  it('is a 400 naming the query or path parameter that holds it', async () => {
    assertInvalidField(await server.api('GET', '/v2/rooms?name=a%00b'), 'name');
    assertInvalidField(await server.api('GET', '/v2/templates?start=%00'), 'start');
    assertInvalidField(await server.api('GET', '/v2/webhooks/deliveries?event_id=%00'), 'event_id');
    assertInvalidField(await server.api('GET', '/v2/rooms/%00'), 'room_id');
    assertInvalidField(await server.api('GET', '/v2/rooms?a%00=1'), 'query');
  });

  it('leaves other control characters to the fields that take them', async () => {
    const response = await server.api('POST', '/v2/rooms', {
      name: uniqueName('r'),
      description: 'tab\there\u0001',
    });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.description, 'tab\there\u0001');
  });
});

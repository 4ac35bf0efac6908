// Replies made before any route runs (the router's refusals, CORS preflights) are in 100ms's
// shape too, or are the empty 204 a preflight gets: never Fastify's own body or plain text.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { assertError, rawRequest } from './api-assertions.ts';
import { MAX_PATH_PARAMETER_LENGTH } from '../../server/api/error-handler.ts';

let server: TestServer;
let authorization: string;

before(async () => {
  server = await startTestServer();
  authorization = `Bearer ${await server.managementToken()}`;
});

after(async () => {
  await server.close();
});

describe('URLs the router refuses', () => {
  it('answer 400 invalid_url to a %-escape that is not UTF-8, with or without a token', async () => {
    for (const path of ['/v2/rooms/%ff', '/v2/templates/%c3%28/roles/host', '/meeting/%ff']) {
      assertError(
        await rawRequest(server, 'GET', path, { headers: { authorization } }),
        400,
        'invalid_url',
      );
      assertError(await rawRequest(server, 'GET', path), 400, 'invalid_url');
    }
  });

  it(`answer 400 path_parameter_too_long past ${MAX_PATH_PARAMETER_LENGTH} characters`, async () => {
    const long = 'a'.repeat(MAX_PATH_PARAMETER_LENGTH + 1);
    for (const path of [`/v2/rooms/${long}`, `/v2/room-codes/room/${long}/role/host`]) {
      const response = await rawRequest(server, 'GET', path, { headers: { authorization } });
      assertError(response, 400, 'path_parameter_too_long');
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    }
  });

  it(`leave a parameter of ${MAX_PATH_PARAMETER_LENGTH} characters to the route`, async () => {
    const response = await rawRequest(
      server,
      'GET',
      `/v2/templates/000000000000000000000000/roles/${'a'.repeat(MAX_PATH_PARAMETER_LENGTH)}`,
      { headers: { authorization } },
    );
    assertError(response, 404, 'template_not_found');
  });
});

/** Writes `raw` to the server as it is and reads the answer until the server closes. */
function rawExchange(raw: string): Promise<{ status: number; body: any }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(raw));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
      assert.match(head, /content-type: application\/json/i);
      resolve({ status, body: JSON.parse(body) });
    });
  });
}

describe("requests Node's HTTP parser refuses", () => {
  it('answer 400 invalid_http in our shape to a request that is not HTTP', async () => {
    assertError(await rawExchange('HELLO THERE\r\n\r\n'), 400, 'invalid_http');
    assertError(
      await rawExchange(
        'GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n',
      ),
      400,
      'invalid_http',
    );
  });

  it('answer 431 headers_too_large in our shape to a URL over 16 KiB', async () => {
    const response = await rawExchange(
      `GET /v2/rooms?name=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    );
    assertError(response, 431, 'headers_too_large');
  });
});

describe('OPTIONS requests', () => {
  const preflightHeaders = {
    origin: 'https://app.example',
    'access-control-request-method': 'POST',
    'access-control-request-headers': 'authorization,content-type',
  };

  it('answer a browser preflight 204 with the allowed methods and headers', async () => {
    const response = await rawRequest(server, 'OPTIONS', '/v2/rooms', {
      headers: preflightHeaders,
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.match(response.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.equal(response.body, undefined);
  });

  it('answer one without preflight headers (curl -X OPTIONS) the same 204, not plain text', async () => {
    for (const path of ['/v2/rooms', '/v2/token', '/health']) {
      const response = await rawRequest(server, 'OPTIONS', path);
      assert.equal(response.status, 204, `${path}: ${JSON.stringify(response.body)}`);
      assert.equal(response.headers.get('access-control-allow-origin'), '*');
      assert.match(response.headers.get('access-control-allow-methods') ?? '', /GET/);
      assert.equal(response.body, undefined);
    }
  });
});

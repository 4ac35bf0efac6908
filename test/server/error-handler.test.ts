// The one place errors become replies: a ConveneError's kind decides the HTTP status, its code is
// the reason in 100ms's body, and an error without a kind is a 500 that tells nothing inside.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { ConveneError, type ErrorKind } from '../../src/protocol/errors.ts';
import { installErrorHandler } from '../../server/api/error-handler.ts';

async function replyTo(error: Error) {
  const app = Fastify({ logger: false });
  installErrorHandler(app);
  app.get('/fails', async () => {
    throw error;
  });
  try {
    const response = await app.inject({ method: 'GET', url: '/fails' });
    return { status: response.statusCode, body: response.json() };
  } finally {
    await app.close();
  }
}

describe('the REST error handler', () => {
  const statuses: [ErrorKind, number][] = [
    ['invalid', 400],
    ['unauthorized', 401],
    ['forbidden', 403],
    ['not_found', 404],
    ['conflict', 409],
    ['too_large', 413],
    ['rate_limited', 429],
    ['unavailable', 503],
  ];
  for (const [kind, status] of statuses) {
    it(`answers a ConveneError of kind ${kind} with ${status} and its code as the reason`, async () => {
      const reply = await replyTo(new ConveneError('some_reason', 'what failed', { kind }));
      assert.equal(reply.status, status);
      assert.deepEqual(reply.body, {
        code: status,
        message: 'what failed',
        details: ['some_reason'],
      });
    });
  }

  it('answers a ConveneError without a kind with a 500 that carries none of its message', async () => {
    const reply = await replyTo(
      new ConveneError('migration_failed', 'password=hunter2 in the url'),
    );
    assert.equal(reply.status, 500);
    assert.deepEqual(reply.body, {
      code: 500,
      message: 'the server failed to handle this request',
      details: ['internal_error'],
    });
  });
});

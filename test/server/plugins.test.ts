// The server's plugins name what they need: registered out of order, the start fails and says
// which plugin is missing, instead of a route finding undefined at its first request.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { loadConfig } from '../../server/config.ts';
import { roomsPlugin } from '../../server/rooms/rooms-plugin.ts';
import { webhooksPlugin } from '../../server/webhooks/webhooks-plugin.ts';

const config = loadConfig({});
const missingStorage = {
  code: 'FST_ERR_PLUGIN_DEPENDENCY_NOT_REGISTERED',
  message: /'convene-storage'/,
};

it('the webhooks plugin without storage fails the start, naming the storage plugin', async () => {
  const app = Fastify({ logger: false });
  await assert.rejects(async () => {
    await app.register(webhooksPlugin, { webhooks: config.webhooks });
  }, missingStorage);
});

it('the rooms plugin without storage fails the start, naming the storage plugin', async () => {
  const app = Fastify({ logger: false });
  await assert.rejects(async () => {
    await app.register(roomsPlugin, {
      media: config.media,
      reconnectGraceMs: 1_000,
      roomData: config.roomData,
      actionRequests: config.signaling.actionRequests,
      chat: config.chat,
    });
  }, missingStorage);
});

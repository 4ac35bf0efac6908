// The webhooks plugin: the dispatcher that delivers the outbox, started once the server is ready
// (so no delivery goes out from a server that failed to start) and stopped when it closes.
import fp from 'fastify-plugin';
import type { WebhookConfig } from '../config.ts';
import { WebhookDispatcher } from './dispatcher.ts';
import type { HostResolver } from './delivery-client.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Wake it after writing an event, so the delivery goes out now rather than at the next poll. */
    webhooks: WebhookDispatcher;
  }
}

export interface WebhooksPluginOptions {
  webhooks: WebhookConfig;
  /** Resolves endpoint host names instead of the system resolver. */
  resolveHost?: HostResolver;
}

export const webhooksPlugin = fp<WebhooksPluginOptions>(
  async (app, options) => {
    const dispatcher = new WebhookDispatcher(
      app.storage.webhooks,
      options.webhooks,
      app.log.child({ module: 'webhooks' }),
      options.resolveHost,
    );
    app.decorate('webhooks', dispatcher);
    app.addHook('onReady', async () => dispatcher.start());
    app.addHook('onClose', () => dispatcher.stop());
  },
  { name: 'convene-webhooks', dependencies: ['convene-storage'] },
);

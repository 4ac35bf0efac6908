// What a start does to the data before the server serves anyone. The first start on a fresh
// data folder seeds it: every workspace gets the default template, and the default workspace the
// demo room with a code per role. Every start then finds those in place, and also makes the
// env-configured webhook endpoints match CONVENE_WEBHOOK_URL and ends the sessions the last run
// left open (a crash or kill -9 gives its rooms no chance to end them).
import fp from 'fastify-plugin';
import type { WebhookConfig } from './config.ts';
import { defaultTemplate } from '../src/protocol/role-defaults.ts';
import { ensureDemoRoom, type DemoLink } from './rooms/demo-room.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Meeting links of the demo room (empty when it is turned off). */
    demoLinks: DemoLink[];
  }
}

export interface FirstStartOptions {
  webhooks: Pick<WebhookConfig, 'urls' | 'secret'>;
  demoRoom: boolean;
}

export const firstStart = fp<FirstStartOptions>(
  async (app, options) => {
    const { templates, webhooks, sessions } = app.storage;
    const defaultWorkspace = app.tokens.defaultAccessKey;

    for (const accessKey of app.tokens.accessKeys) {
      if (!(await templates.findByName(accessKey, defaultTemplate().name))) {
        await templates.create(accessKey, { ...defaultTemplate(), settings: {}, destinations: {} });
      }
    }
    await webhooks.syncEnvEndpoints(
      defaultWorkspace,
      options.webhooks.urls,
      options.webhooks.secret,
    );
    const abandoned = await sessions.closeAbandoned();
    if (abandoned.length > 0)
      app.log.info({ sessions: abandoned.length }, 'closed sessions left open by the last run');

    app.decorate(
      'demoLinks',
      options.demoRoom ? await ensureDemoRoom(app.storage, defaultWorkspace) : [],
    );
  },
  { name: 'convene-first-start', dependencies: ['convene-storage', 'convene-auth'] },
);

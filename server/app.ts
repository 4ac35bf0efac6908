// buildApp(config): the whole server as a Fastify instance, with no side effects beyond its data
// folder. main.ts listens with it; tests build it on port 0.
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import type { ServerConfig } from './config.ts';
import type { WorkspaceKey } from './auth/workspace-keys.ts';
import { TokenService } from './auth/tokens.ts';
import { requireManagementToken } from './auth/management-auth.ts';
import { openStorage } from './storage/database.ts';
import { TemplateStore } from './storage/templates.ts';
import { RoomStore, type Room } from './storage/rooms.ts';
import { ReadCache } from './storage/read-cache.ts';
import { RoomCodeStore } from './storage/room-codes.ts';
import { WebhookStore } from './storage/webhooks.ts';
import { WebhookDispatcher } from './webhooks/dispatcher.ts';
import { defaultTemplate } from './rooms/role-defaults.ts';
import { installErrorHandler } from './api/error-handler.ts';
import { validatorCompiler } from './api/validators.ts';
import { templateRoutes } from './api/templates.ts';
import { roomRoutes } from './api/rooms.ts';
import { roomCodeRoutes } from './api/room-codes.ts';
import { tokenRoutes } from './api/token.ts';
import { checkWebhookSecret, checkWebhookUrl, webhookRoutes } from './api/webhooks.ts';
import type { Services } from './api/services.ts';
import { SessionStore } from './storage/sessions.ts';
import { WorkerPool } from './sfu/worker-pool.ts';
import { RoomRegistry } from './rooms/room-registry.ts';
import { ensureDemoRoom, type DemoLink } from './rooms/demo-room.ts';
import { signalingRoutes } from './signaling/signaling-route.ts';
import { sessionRoutes } from './api/sessions.ts';
import { pageRoutes } from './api/pages.ts';

export interface BuildOptions {
  config: ServerConfig;
  workspaces: WorkspaceKey[];
  /** Overrides Fastify's logger options (tests pass false). */
  logger?: FastifyServerOptions['logger'];
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    media: { pool: WorkerPool; registry: RoomRegistry };
    /** Meeting links of the demo room (empty when it is turned off). */
    demoLinks: DemoLink[];
  }
}

/** Everything that could carry a credential is kept out of the logs. */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.token',
  '*.secret',
  '*.appSecret',
];

export async function buildApp({
  config,
  workspaces,
  logger,
}: BuildOptions): Promise<FastifyInstance> {
  if (config.webhooks.urls.length > 0) {
    if (!config.webhooks.secret) {
      throw new Error(
        'CONVENE_WEBHOOK_URL needs CONVENE_WEBHOOK_SECRET (whsec_<base64>) to sign deliveries',
      );
    }
    checkWebhookSecret(config.webhooks.secret);
    config.webhooks.urls.forEach(checkWebhookUrl);
  }

  const app = Fastify({
    logger: logger ?? { level: config.logLevel, redact: { paths: REDACT, censor: '[redacted]' } },
    bodyLimit: config.bodyLimitBytes,
    forceCloseConnections: true,
  });

  const storage = await openStorage(config);
  const tokens = new TokenService(workspaces);
  const webhookStore = new WebhookStore(storage.db);
  const roomCache = storage.soleWriter ? new ReadCache<Room>() : undefined;
  const services: Services = {
    config,
    db: storage.db,
    templates: new TemplateStore(storage.db, () => roomCache?.clear()),
    rooms: new RoomStore(storage.db, roomCache),
    roomCodes: new RoomCodeStore(storage.db),
    tokens,
    webhooks: new WebhookDispatcher(
      webhookStore,
      config.webhooks,
      app.log.child({ module: 'webhooks' }),
    ),
  };
  app.decorate('services', services);

  for (const { accessKey } of workspaces) {
    if (!(await services.templates.findByName(accessKey, defaultTemplate().name))) {
      await services.templates.create(accessKey, {
        ...defaultTemplate(),
        settings: {},
        destinations: {},
      });
    }
  }
  await webhookStore.syncEnvEndpoints(
    tokens.defaultAccessKey,
    config.webhooks.urls,
    config.webhooks.secret,
  );

  const sessions = new SessionStore(storage.db);
  const abandoned = await sessions.closeAbandoned();
  if (abandoned.length > 0)
    app.log.info({ sessions: abandoned.length }, 'closed sessions left open by the last run');
  const pool = new WorkerPool(config.media, app.log.child({ module: 'sfu' }));
  const registry = new RoomRegistry({
    pool,
    db: storage.db,
    sessions,
    webhooks: services.webhooks,
    media: config.media,
    reconnectGraceMs: config.signaling.reconnectGraceMs,
    log: app.log.child({ module: 'rooms' }),
  });
  app.decorate('media', { pool, registry });
  app.decorate(
    'demoLinks',
    config.demoRoom ? await ensureDemoRoom(services, tokens.defaultAccessKey) : [],
  );

  app.setValidatorCompiler(validatorCompiler());
  installErrorHandler(app);
  await app.register(cors, { origin: '*', methods: ['GET', 'POST', 'DELETE'] });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Convene REST API',
        version: '2',
        description: '100ms-shaped REST API v2 of a Convene server',
      },
      components: {
        securitySchemes: {
          managementToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        },
      },
      security: [{ managementToken: [] }],
    },
  });

  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/v2/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(tokenRoutes, { services });
  await app.register(signalingRoutes, {
    deps: { tokens, rooms: services.rooms, templates: services.templates, registry },
    signaling: config.signaling,
  });
  await app.register(pageRoutes, { demoLinks: () => app.demoLinks });
  await app.register(async (management) => {
    requireManagementToken(management, tokens);
    await management.register(templateRoutes, { services });
    await management.register(roomRoutes, { services });
    await management.register(roomCodeRoutes, { services });
    await management.register(webhookRoutes, { services, store: webhookStore });
    await management.register(sessionRoutes, { services, sessions, registry });
  });

  app.addHook('onReady', async () => services.webhooks.start());
  app.addHook('preClose', async () => {
    await registry.closeAll('the server is shutting down');
  });
  app.addHook('onClose', async () => {
    pool.close();
    await services.webhooks.stop();
    await storage.close();
  });
  return app;
}

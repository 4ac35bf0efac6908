// buildApp(options): the whole server as a Fastify instance, with no side effects beyond its data
// folder. main.ts listens with it; tests build it on port 0. Each concern is a plugin that names
// the plugins it needs, so the order below is checked at start, not hoped for.
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import type { ServerConfig } from './config.ts';
import type { WorkspaceKey } from './auth/workspace-keys.ts';
import { authPlugin } from './auth/auth-plugin.ts';
import { requireManagementToken } from './auth/management-auth.ts';
import { storagePlugin } from './storage/storage-plugin.ts';
import { webhooksPlugin } from './webhooks/webhooks-plugin.ts';
import type { HostResolver } from './webhooks/delivery-client.ts';
import { roomsPlugin } from './rooms/rooms-plugin.ts';
import { firstStart } from './first-start.ts';
import {
  clientErrorHandler,
  frameworkErrors,
  installErrorHandler,
  MAX_PATH_PARAMETER_LENGTH,
} from './api/error-handler.ts';
import { validatorCompiler } from './api/validators.ts';
import { jsonBodyParser } from './api/json-body.ts';
import { refuseNulInUrls } from './api/request-text.ts';
import { templateRoutes } from './api/templates.ts';
import { roomRoutes } from './api/rooms.ts';
import { roomCodeRoutes } from './api/room-codes.ts';
import { tokenRoutes } from './api/token.ts';
import { checkWebhookSecret, checkWebhookUrl, webhookRoutes } from './api/webhooks.ts';
import { sessionRoutes } from './api/sessions.ts';
import { analyticsRoutes } from './api/analytics.ts';
import { activeRoomRoutes } from './api/active-rooms.ts';
import { messageRoutes } from './api/messages.ts';
import { pageRoutes } from './api/pages.ts';
import { sdkRoutes } from './api/sdk.ts';
import { signalingRoutes } from './signaling/signaling-route.ts';
import { refuseUpgradesWhileClosing } from './signaling/refuse-upgrades-while-closing.ts';
import { streamingPlugin } from './streaming/streaming-plugin.ts';
import { hlsRoutes } from './api/hls.ts';
import { streamsPlugin } from './streaming/streams-plugin.ts';
import type { PipelineProvider } from './streaming/pipeline-types.ts';
import { liveStreamRoutes } from './api/live-streams.ts';
import { recordingRoutes } from './api/recordings.ts';
import { recordingAssetRoutes, recordingDownloadRoutes } from './api/recording-assets.ts';
import { externalStreamRoutes } from './api/external-streams.ts';

export interface BuildOptions {
  config: ServerConfig;
  workspaces: WorkspaceKey[];
  /** Overrides Fastify's logger options (tests pass false). */
  logger?: FastifyServerOptions['logger'];
  /** Resolves webhook endpoint host names instead of the system resolver (tests give one). */
  resolveHost?: HostResolver;
  /** Where live streams, recordings and external streams find a room's media pipeline. */
  pipelines?: PipelineProvider;
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

/** A webhook configuration that could never deliver fails the start, before anything opens. */
function checkWebhookConfig({ webhooks }: ServerConfig): void {
  if (webhooks.urls.length === 0) return;
  if (!webhooks.secret) {
    throw new Error(
      'CONVENE_WEBHOOK_URL needs CONVENE_WEBHOOK_SECRET (whsec_<base64>) to sign deliveries',
    );
  }
  checkWebhookSecret(webhooks.secret);
  webhooks.urls.forEach(checkWebhookUrl);
}

export async function buildApp({
  config,
  workspaces,
  logger,
  resolveHost,
  pipelines,
}: BuildOptions): Promise<FastifyInstance> {
  checkWebhookConfig(config);
  const app = Fastify({
    logger: logger ?? { level: config.logLevel, redact: { paths: REDACT, censor: '[redacted]' } },
    bodyLimit: config.bodyLimitBytes,
    forceCloseConnections: true,
    routerOptions: { maxParamLength: MAX_PATH_PARAMETER_LENGTH },
    frameworkErrors,
    clientErrorHandler,
  });
  // Ours instead of Fastify's, for every plugin below: it bounds nesting and names the field.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, jsonBodyParser());
  refuseNulInUrls(app);
  refuseUpgradesWhileClosing(app);

  // Shared services, each a decorator of the instance. They close in the reverse order: rooms
  // end (writing their sessions and webhooks), the dispatcher stops, then the database closes.
  await app.register(storagePlugin, { dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  await app.register(authPlugin, { workspaces });
  await app.register(webhooksPlugin, { webhooks: config.webhooks, resolveHost });
  await app.register(roomsPlugin, {
    media: config.media,
    reconnectGraceMs: config.signaling.reconnectGraceMs,
    roomData: config.roomData,
    actionRequests: config.signaling.actionRequests,
    chat: config.chat,
  });
  await app.register(streamingPlugin, { streaming: config.streaming, dataDir: config.dataDir });
  // Tests may give their own provider to drive a lifecycle without media.
  await app.register(streamsPlugin, {
    dataDir: config.dataDir,
    pipelines: pipelines ?? app.pipelines,
    publicUrl: config.publicUrl,
  });
  await app.register(firstStart, { webhooks: config.webhooks, demoRoom: config.demoRoom });

  app.setValidatorCompiler(validatorCompiler());
  installErrorHandler(app);
  // Every OPTIONS gets the 204 a preflight gets: a browser always sends Origin and
  // Access-Control-Request-Method, and `curl -X OPTIONS` without them asks the same question.
  await app.register(cors, {
    origin: '*',
    methods: ['GET', 'POST', 'DELETE'],
    strictPreflight: false,
  });
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
  await app.register(tokenRoutes, { publicRateLimitPerMinute: config.publicRateLimitPerMinute });
  await app.register(signalingRoutes, { signaling: config.signaling });
  await app.register(pageRoutes, { embed: config.embed });
  await app.register(sdkRoutes);
  await app.register(hlsRoutes, { dataDir: config.dataDir });
  await app.register(recordingDownloadRoutes);
  await app.register(async (management) => {
    requireManagementToken(management, app.tokens, {
      failuresPerMinute: config.authFailuresPerMinute,
    });
    await management.register(templateRoutes);
    await management.register(roomRoutes);
    await management.register(roomCodeRoutes);
    await management.register(webhookRoutes, { allowPrivate: config.webhooks.allowPrivate });
    await management.register(sessionRoutes);
    await management.register(analyticsRoutes);
    await management.register(activeRoomRoutes);
    await management.register(messageRoutes);
    await management.register(liveStreamRoutes);
    await management.register(recordingRoutes);
    await management.register(recordingAssetRoutes);
    await management.register(externalStreamRoutes);
  });
  return app;
}

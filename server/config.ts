// Typed server configuration read from the environment, with defaults that work on a laptop.
import path from 'node:path';

export interface WebhookConfig {
  /** Endpoints of the default workspace, from CONVENE_WEBHOOK_URL (comma-separated). */
  urls: string[];
  /** Their signing secret (`whsec_<base64>`), from CONVENE_WEBHOOK_SECRET. */
  secret: string | undefined;
  /** Delay before the first retry; each next retry doubles it, up to `maxRetryIntervalMs`. */
  firstRetryMs: number;
  maxRetryIntervalMs: number;
  /** How long a delivery is retried before it is marked failed. */
  retryWindowMs: number;
  /** Time allowed for one HTTP delivery attempt. */
  requestTimeoutMs: number;
}

export interface ServerConfig {
  host: string;
  port: number;
  /** Folder for the SQLite file and the generated workspace keys. */
  dataDir: string;
  /** postgres://… switches storage from SQLite to PostgreSQL. */
  databaseUrl: string | undefined;
  /** Overrides for the default workspace's key pair. */
  accessKey: string | undefined;
  appSecret: string | undefined;
  /** Requests per minute and per client address on public endpoints such as POST /v2/token. */
  publicRateLimitPerMinute: number;
  /** Largest accepted request body, in bytes. */
  bodyLimitBytes: number;
  logLevel: string;
  webhooks: WebhookConfig;
}

type Env = Record<string, string | undefined>;

function readInt(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  }
  return value;
}

export function loadConfig(env: Env = process.env): ServerConfig {
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must be a postgres:// URL (leave it unset for the embedded SQLite)');
  }
  return {
    host: env.HOST || '127.0.0.1',
    port: readInt(env, 'PORT', 8080),
    dataDir: path.resolve(env.CONVENE_DATA_DIR || 'data'),
    databaseUrl,
    accessKey: env.CONVENE_ACCESS_KEY || undefined,
    appSecret: env.CONVENE_APP_SECRET || undefined,
    publicRateLimitPerMinute: readInt(env, 'CONVENE_PUBLIC_RATE_LIMIT', 60),
    bodyLimitBytes: readInt(env, 'CONVENE_BODY_LIMIT', 256 * 1024),
    logLevel: env.LOG_LEVEL || 'info',
    webhooks: {
      urls: (env.CONVENE_WEBHOOK_URL ?? '')
        .split(',')
        .map((url) => url.trim())
        .filter(Boolean),
      secret: env.CONVENE_WEBHOOK_SECRET || undefined,
      firstRetryMs: readInt(env, 'CONVENE_WEBHOOK_FIRST_RETRY_MS', 5_000),
      maxRetryIntervalMs: readInt(env, 'CONVENE_WEBHOOK_MAX_RETRY_INTERVAL_MS', 60 * 60_000),
      retryWindowMs: readInt(env, 'CONVENE_WEBHOOK_RETRY_WINDOW_MS', 25 * 60 * 60_000),
      requestTimeoutMs: readInt(env, 'CONVENE_WEBHOOK_TIMEOUT_MS', 10_000),
    },
  };
}

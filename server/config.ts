// Typed server configuration read from the environment, with defaults that work on a laptop.
import os from 'node:os';
import path from 'node:path';

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

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
  /**
   * Let endpoints added over REST reach loopback, private, link-local and other non-public
   * addresses (CONVENE_WEBHOOK_ALLOW_PRIVATE=true). Off by default, since a tenant could aim its
   * deliveries at the server's own network; turn it on only when every tenant is trusted.
   * Endpoints from CONVENE_WEBHOOK_URL are the operator's own and may reach anything.
   */
  allowPrivate: boolean;
}

export interface MediaConfig {
  /** mediasoup workers to run; one per core by default. */
  workers: number;
  /** Address WebRTC transports listen on. */
  listenIp: string;
  /** Address announced to browsers, for a server behind NAT (CONVENE_ANNOUNCED_IP). */
  announcedIp: string | undefined;
  rtcMinPort: number;
  rtcMaxPort: number;
}

export interface SignalingConfig {
  /** How long a peer whose socket dropped keeps its place, role and tracks. */
  reconnectGraceMs: number;
  /** How often sockets are pinged; a peer silent for three intervals is dropped. */
  heartbeatIntervalMs: number;
  limits: SignalingLimits;
  actionRequests: ActionRequestLimits;
}

/** What one socket or one address may do over signaling (docs/reliability.md lists each). */
/** Requests peers send each other (ask to unmute, offer a role): how long and how many. */
export interface ActionRequestLimits {
  /** A request not answered within this is over (`expired`). */
  ttlMs: number;
  /** Requests waiting for one peer's answer at most; the next is refused. */
  maxPendingPerPeer: number;
}

export interface SignalingLimits {
  /** A socket that has not joined this long after opening (or after leaving) is closed. */
  joinTimeoutMs: number;
  /** Open signaling sockets per client address; 0 for no cap. */
  maxSocketsPerAddress: number;
  /** Failed joins one socket may make before it is closed. */
  maxFailedJoinsPerSocket: number;
  /** Failed joins per client address per minute; more are refused with `rate_limited`. */
  failedJoinsPerAddressPerMinute: number;
  /** Requests per second one socket may send, and how many at once (its burst). */
  messagesPerSecond: number;
  messageBurst: number;
  /** The same for requests every other peer hears of (a rename), which multiply by the room. */
  fanOutPerSecond: number;
  fanOutBurst: number;
}

/** What peers may keep in a live room: their metadata and the session store. */
export interface RoomDataLimits {
  /** Largest peer metadata, in UTF-8 bytes. */
  maxMetadataBytes: number;
  /** Longest session-store key, in characters. */
  maxStoreKeyLength: number;
  /** Largest session-store value, in bytes of its JSON. */
  maxStoreValueBytes: number;
  /** Keys a session's store may hold, and keys one peer may observe. */
  maxStoreKeys: number;
}

/** Chat's limits (docs/protocol.md, Chat). */
export interface ChatConfig {
  /** Largest message text, in bytes of UTF-8; longer ones are refused with `message_too_large`. */
  maxMessageBytes: number;
  /** A session that opens this soon after the room's last one ended carries on its chat. */
  carryOverMs: number;
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
  /**
   * Failed management authentications (401s) per minute and per client address; past it, that
   * address is answered 429 until its minute is over. 0 turns the limit off.
   */
  authFailuresPerMinute: number;
  /** Largest accepted request body, in bytes. */
  bodyLimitBytes: number;
  logLevel: string;
  /** The URL people open, for printed meeting links; defaults to http://HOST:PORT. */
  publicUrl: string | undefined;
  /** Create a demo room with one room code per role on a fresh start (on by default). */
  demoRoom: boolean;
  webhooks: WebhookConfig;
  media: MediaConfig;
  signaling: SignalingConfig;
  roomData: RoomDataLimits;
  chat: ChatConfig;
  streaming: StreamingConfig;
  embed: EmbedConfig;
}

export interface EmbedConfig {
  /**
   * Origins (`https://app.example.com`) whose pages may frame /embed/{room_code} and drive it,
   * from CONVENE_EMBED_ORIGINS (comma-separated). None: only the server's own pages may.
   */
  origins: string[];
}

export interface StreamingConfig {
  /** The picture the recorder composes (HLS's top rendition, recordings and RTMP scale it). */
  recorderWidth: number;
  recorderHeight: number;
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

/** A list of origins: each `scheme://host[:port]` exactly, as browsers compare them. */
function readOrigins(env: Env, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      let origin: string | undefined;
      try {
        origin = new URL(entry).origin;
      } catch {
        origin = undefined;
      }
      if (!origin || origin === 'null' || origin !== entry.replace(/\/$/, '')) {
        throw new Error(
          `${name} must list origins such as https://app.example.com (scheme, host and port, ` +
            `no path), got "${entry}"`,
        );
      }
      return origin;
    });
}

export function loadConfig(env: Env = process.env): ServerConfig {
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(
      'DATABASE_URL must be a postgres:// URL (leave it unset for the embedded SQLite)',
    );
  }
  const host = env.HOST || '127.0.0.1';
  return {
    host,
    port: readInt(env, 'PORT', 8080),
    dataDir: path.resolve(env.CONVENE_DATA_DIR || 'data'),
    databaseUrl,
    accessKey: env.CONVENE_ACCESS_KEY || undefined,
    appSecret: env.CONVENE_APP_SECRET || undefined,
    publicRateLimitPerMinute: readInt(env, 'CONVENE_PUBLIC_RATE_LIMIT', 60),
    authFailuresPerMinute: readInt(env, 'CONVENE_AUTH_FAILURE_LIMIT', 20),
    bodyLimitBytes: readInt(env, 'CONVENE_BODY_LIMIT', 256 * 1024),
    logLevel: env.LOG_LEVEL || 'info',
    publicUrl: env.CONVENE_PUBLIC_URL || undefined,
    demoRoom: env.CONVENE_DEMO_ROOM !== 'false',
    embed: { origins: readOrigins(env, 'CONVENE_EMBED_ORIGINS') },
    streaming: {
      recorderWidth: readInt(env, 'CONVENE_RECORDER_WIDTH', 1280),
      recorderHeight: readInt(env, 'CONVENE_RECORDER_HEIGHT', 720),
    },
    media: {
      workers: readInt(env, 'CONVENE_WORKERS', os.availableParallelism()),
      listenIp: env.CONVENE_RTC_LISTEN_IP || (isLoopback(host) ? '127.0.0.1' : '0.0.0.0'),
      announcedIp: env.CONVENE_ANNOUNCED_IP || undefined,
      rtcMinPort: readInt(env, 'CONVENE_RTC_MIN_PORT', 40000),
      rtcMaxPort: readInt(env, 'CONVENE_RTC_MAX_PORT', 49999),
    },
    signaling: {
      reconnectGraceMs: readInt(env, 'CONVENE_RECONNECT_GRACE_MS', 20_000),
      heartbeatIntervalMs: readInt(env, 'CONVENE_HEARTBEAT_INTERVAL_MS', 5_000),
      limits: {
        joinTimeoutMs: readInt(env, 'CONVENE_JOIN_TIMEOUT_MS', 10_000),
        maxSocketsPerAddress: readInt(env, 'CONVENE_MAX_SOCKETS_PER_ADDRESS', 50),
        maxFailedJoinsPerSocket: readInt(env, 'CONVENE_MAX_FAILED_JOINS_PER_SOCKET', 5),
        failedJoinsPerAddressPerMinute: readInt(env, 'CONVENE_FAILED_JOINS_PER_MINUTE', 30),
        messagesPerSecond: readInt(env, 'CONVENE_SIGNALING_RATE', 50),
        messageBurst: readInt(env, 'CONVENE_SIGNALING_BURST', 200),
        fanOutPerSecond: readInt(env, 'CONVENE_SIGNALING_FANOUT_RATE', 5),
        fanOutBurst: readInt(env, 'CONVENE_SIGNALING_FANOUT_BURST', 20),
      },
      actionRequests: {
        ttlMs: readInt(env, 'CONVENE_ACTION_REQUEST_TTL_MS', 60_000),
        maxPendingPerPeer: readInt(env, 'CONVENE_MAX_PENDING_ACTION_REQUESTS', 10),
      },
    },
    roomData: {
      maxMetadataBytes: readInt(env, 'CONVENE_PEER_METADATA_MAX_BYTES', 2048),
      maxStoreKeyLength: readInt(env, 'CONVENE_SESSION_STORE_MAX_KEY_LENGTH', 100),
      maxStoreValueBytes: readInt(env, 'CONVENE_SESSION_STORE_MAX_VALUE_BYTES', 4096),
      maxStoreKeys: readInt(env, 'CONVENE_SESSION_STORE_MAX_KEYS', 100),
    },
    chat: {
      maxMessageBytes: readInt(env, 'CONVENE_CHAT_MAX_BYTES', 4096),
      carryOverMs: readInt(env, 'CONVENE_CHAT_CARRY_OVER_MS', 120_000),
    },
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
      allowPrivate: env.CONVENE_WEBHOOK_ALLOW_PRIVATE === 'true',
    },
  };
}

// Management and app tokens in 100ms's shape: HS256 JWTs signed with the workspace secret,
// carrying access_key, type, version 2, iat, nbf, exp, jti (app tokens add room_id, user_id,
// role). Tokens minted by 100ms's documented jsonwebtoken recipe verify here unchanged.
import { randomUUID } from 'node:crypto';
import { SignJWT, decodeJwt, errors as joseErrors, jwtVerify } from 'jose';
import { ConveneError, forbidden, unauthorized } from '../../src/protocol/errors.ts';
import type { WorkspaceKey } from './workspace-keys.ts';

export type TokenType = 'management' | 'app';

export interface TokenClaims {
  access_key: string;
  type: TokenType;
  version: 2;
  jti: string;
  iat: number;
  nbf: number;
  exp: number;
  room_id?: string;
  user_id?: string;
  role?: string;
}

export interface AppTokenClaims extends TokenClaims {
  type: 'app';
  room_id: string;
  user_id: string;
  role: string;
}

/** Seconds of clock difference tolerated between the minting machine and this one. */
const CLOCK_LEEWAY_SECONDS = 10;
const ALGORITHM = 'HS256';
/** Verified tokens kept so a client polling with the same token is not re-verified each time. */
const CACHE_LIMIT = 10_000;

interface Workspace {
  accessKey: string;
  key: Uint8Array;
}

export class TokenService {
  readonly #workspaces = new Map<string, Workspace>();
  readonly #verified = new Map<string, TokenClaims>();

  constructor(keys: WorkspaceKey[]) {
    for (const { accessKey, secret } of keys) {
      // jsonwebtoken (100ms's recipe) uses the secret string's UTF-8 bytes as the HMAC key.
      this.#workspaces.set(accessKey, { accessKey, key: new TextEncoder().encode(secret) });
    }
  }

  get defaultAccessKey(): string {
    const first = this.#workspaces.keys().next();
    if (first.done) throw new ConveneError('no_workspace', 'no workspace configured');
    return first.value;
  }

  get accessKeys(): string[] {
    return [...this.#workspaces.keys()];
  }

  /** Whether tokens can be minted for this workspace: its key pair is configured. */
  hasWorkspace(accessKey: string): boolean {
    return this.#workspaces.has(accessKey);
  }

  async mint(
    accessKey: string,
    type: TokenType,
    options: { ttlSeconds?: number; roomId?: string; userId?: string; role?: string } = {},
  ): Promise<string> {
    const workspace = this.#workspaces.get(accessKey);
    if (!workspace) throw new ConveneError('unknown_access_key', `unknown access key ${accessKey}`);
    const claims: Record<string, unknown> = { access_key: accessKey, type, version: 2 };
    if (type === 'app') {
      claims.room_id = options.roomId;
      claims.user_id = options.userId;
      claims.role = options.role;
    }
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + (options.ttlSeconds ?? 24 * 3600))
      .setJti(randomUUID())
      .sign(workspace.key);
  }

  /** Verifies a token and checks its type; refuses with an `unauthorized` or `forbidden` error. */
  async verify(token: string, expectedType: 'management'): Promise<TokenClaims>;
  async verify(token: string, expectedType: 'app'): Promise<AppTokenClaims>;
  async verify(token: string, expectedType: TokenType): Promise<TokenClaims> {
    const claims = this.#fromCache(token) ?? (await this.#verifySignature(token));
    if (claims.type !== expectedType) {
      throw forbidden(
        `this needs a ${expectedType} token, not a ${claims.type} token`,
        'wrong_token_type',
      );
    }
    return claims;
  }

  #fromCache(token: string): TokenClaims | undefined {
    const claims = this.#verified.get(token);
    if (!claims) return undefined;
    const now = Date.now() / 1000;
    if (claims.exp + CLOCK_LEEWAY_SECONDS <= now) {
      this.#verified.delete(token);
      return undefined; // re-verify, which reports the expiry with its proper message
    }
    return claims;
  }

  async #verifySignature(token: string): Promise<TokenClaims> {
    let accessKey: unknown;
    try {
      accessKey = decodeJwt(token).access_key;
    } catch {
      throw unauthorized('the token is not a well-formed JWT', 'invalid_token');
    }
    const workspace = typeof accessKey === 'string' ? this.#workspaces.get(accessKey) : undefined;
    if (!workspace) throw unauthorized('the token names an unknown access key', 'invalid_token');

    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, workspace.key, {
        algorithms: [ALGORITHM],
        clockTolerance: CLOCK_LEEWAY_SECONDS,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      throw unauthorized(describeJoseError(error), 'invalid_token');
    }
    const claims = checkClaims(payload);
    if (this.#verified.size >= CACHE_LIMIT) this.#verified.clear();
    this.#verified.set(token, claims);
    return claims;
  }
}

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'nbf') {
    return 'the token is not valid yet (nbf is in the future)';
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'the token must be signed with HS256';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed)
    return 'the token signature is invalid';
  if (error instanceof joseErrors.JWTClaimValidationFailed)
    return `the token claim ${error.claim} is invalid`;
  return 'the token could not be verified';
}

/** The longest room id, user id and role an app token may name (the columns that hold them). */
const APP_CLAIM_MAX_LENGTH = { room_id: 64, user_id: 256, role: 128 } as const;

function checkClaims(payload: Record<string, unknown>): TokenClaims {
  const bad = (what: string): ConveneError => unauthorized(`the token ${what}`, 'invalid_token');
  if (payload.version !== 2) throw bad('must carry version: 2');
  if (payload.type !== 'management' && payload.type !== 'app') {
    throw bad('type must be "management" or "app"');
  }
  if (payload.type === 'app') {
    for (const claim of ['room_id', 'user_id', 'role'] as const) {
      const value = payload[claim];
      if (typeof value !== 'string' || value === '') throw bad(`lacks ${claim}`);
      // What storage can hold: PostgreSQL refuses U+0000 and lone surrogates, and its columns
      // are sized; a claim no row could match is a bad token, not a server error.
      if (
        value.length > APP_CLAIM_MAX_LENGTH[claim] ||
        !value.isWellFormed() ||
        value.includes('\0')
      ) {
        throw bad(`${claim} is not a valid ${claim.replace('_', ' ')}`);
      }
    }
  }
  return {
    ...(payload as unknown as TokenClaims),
    iat: typeof payload.iat === 'number' ? payload.iat : 0,
    nbf: typeof payload.nbf === 'number' ? payload.nbf : 0,
    jti: typeof payload.jti === 'string' ? payload.jti : '',
  };
}

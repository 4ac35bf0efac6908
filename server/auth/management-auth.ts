// Guards the management API: every request carries `Authorization: Bearer <management token>`,
// and everything it reads or writes is scoped to that token's workspace. An address that keeps
// failing that check is refused for a while, before its tokens are even looked at.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ConveneError, rateLimited, unauthorized } from '../../src/protocol/errors.ts';
import { FailureWindow } from './failure-window.ts';
import type { TokenService } from './tokens.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The workspace (access key) of the verified management token. */
    workspaceId: string;
  }
}

export function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (!header)
    throw unauthorized(
      'send a management token as "Authorization: Bearer <token>"',
      'missing_token',
    );
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1])
    throw unauthorized('the Authorization header must be "Bearer <token>"', 'missing_token');
  return match[1];
}

export interface ManagementAuthOptions {
  /** 401s per client address per minute before it is answered 429; 0 for no limit. */
  failuresPerMinute: number;
}

/** Adds the management-token check to every route registered in `scope`. */
export function requireManagementToken(
  scope: FastifyInstance,
  tokens: TokenService,
  options: ManagementAuthOptions,
): void {
  const failures = new FailureWindow(options.failuresPerMinute || Infinity, 60_000);
  scope.decorateRequest('workspaceId', '');
  scope.addHook('onRequest', async (request) => {
    // Checked first, so that a good token from this address waits too: otherwise the answer
    // would still tell a guess that works from one that does not.
    const waitMs = failures.retryAfterMs(request.ip);
    if (waitMs > 0) {
      throw rateLimited(
        `too many failed authentications from this address: retry in ${Math.ceil(waitMs / 1000)} s`,
        waitMs,
      );
    }
    try {
      const claims = await tokens.verify(bearerToken(request), 'management');
      request.workspaceId = claims.access_key;
    } catch (error) {
      // Only 401s count: an app token sent here (403) was signed by the workspace's secret.
      if (error instanceof ConveneError && error.kind === 'unauthorized') {
        failures.record(request.ip);
      }
      throw error;
    }
  });
}

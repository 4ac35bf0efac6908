// Guards the management API: every request carries `Authorization: Bearer <management token>`,
// and everything it reads or writes is scoped to that token's workspace.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { unauthorized } from '../../src/protocol/errors.ts';
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

/** Adds the management-token check to every route registered in `scope`. */
export function requireManagementToken(scope: FastifyInstance, tokens: TokenService): void {
  scope.decorateRequest('workspaceId', '');
  scope.addHook('onRequest', async (request) => {
    const claims = await tokens.verify(bearerToken(request), 'management');
    request.workspaceId = claims.access_key;
  });
}

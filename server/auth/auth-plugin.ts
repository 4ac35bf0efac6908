// The auth plugin: the token service over the configured workspace key pairs, for the routes that
// mint tokens and for every check of one.
import fp from 'fastify-plugin';
import { TokenService } from './tokens.ts';
import type { WorkspaceKey } from './workspace-keys.ts';

declare module 'fastify' {
  interface FastifyInstance {
    tokens: TokenService;
  }
}

export const authPlugin = fp<{ workspaces: WorkspaceKey[] }>(
  async (app, options) => {
    app.decorate('tokens', new TokenService(options.workspaces));
  },
  { name: 'convene-auth' },
);

// The script-tag bundle built by `npm run build:sdk` into dist/sdk: `/sdk/convene.js` is always
// the newest (cached 5 minutes), `/sdk/convene-<version>.js` never changes (cached a year), and
// `/sdk/integrity.json` publishes the versioned file's subresource-integrity hash.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { notFound } from '../../src/protocol/errors.ts';
import { SDK_DIR, SDK_PACKAGE_MANIFEST, sdkFileName, type SdkIntegrity } from './sdk-files.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const { version } = JSON.parse(readFileSync(path.join(ROOT, SDK_PACKAGE_MANIFEST), 'utf8')) as {
  version: string;
};

export interface SdkRouteOptions {
  /** Where the build put the bundle; tests point it elsewhere. */
  dir?: string;
}

const LATEST_CACHE = 'public, max-age=300';
const VERSIONED_CACHE = 'public, max-age=31536000, immutable';

interface BuiltSdk {
  bytes: Buffer;
  integrity: SdkIntegrity;
}

/** The bundle of this server's version, or undefined when it is not built (or is another's). */
function readSdk(dir: string): BuiltSdk | undefined {
  try {
    const integrity = JSON.parse(
      readFileSync(path.join(dir, 'integrity.json'), 'utf8'),
    ) as SdkIntegrity;
    if (integrity.version !== version) return undefined;
    return { bytes: readFileSync(path.join(dir, integrity.file)), integrity };
  } catch {
    return undefined;
  }
}

const notBuilt = () =>
  notFound(
    `the script-tag bundle of Convene ${version} is not built: run npm run build:sdk`,
    'sdk_not_built',
  );

async function routes(app: FastifyInstance, options: SdkRouteOptions) {
  // Read once, as the pages are: the versioned file is immutable for the life of the server.
  const sdk = readSdk(options.dir ?? path.join(ROOT, SDK_DIR));
  const versioned = sdkFileName(version);

  app.get<{ Params: { file: string } }>(
    '/sdk/:file',
    { schema: { hide: true } },
    async (request, reply) => {
      const { file } = request.params;
      if (file !== 'convene.js' && file !== versioned && file !== 'integrity.json')
        throw notFound(
          `no file ${file} here: /sdk/ serves convene.js, ${versioned} and integrity.json`,
        );
      if (!sdk) throw notBuilt();
      if (file === 'integrity.json')
        return reply.header('cache-control', LATEST_CACHE).send(sdk.integrity);
      return reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', file === versioned ? VERSIONED_CACHE : LATEST_CACHE)
        .header('x-content-type-options', 'nosniff')
        .send(sdk.bytes);
    },
  );
}

export const sdkRoutes = fp(routes, { name: 'convene-sdk', encapsulate: true });

// The server's entry: read config, find or create the workspace keys, listen, shut down cleanly.
import { loadConfig } from './config.ts';
import { loadWorkspaceKeys } from './auth/workspace-keys.ts';
import { buildApp } from './app.ts';
import type { DemoLink } from './rooms/demo-room.ts';

/** For a person at a terminal, the links in plain words (the JSON log above is for machines). */
function printBanner(base: string, links: DemoLink[]): void {
  const lines = [`\nConvene is running at ${base}`];
  if (links.length > 0) {
    lines.push('Open two of these in two tabs to try the demo room:');
    for (const link of links) lines.push(`  ${link.role.padEnd(12)} ${base}${link.path}`);
  }
  console.log(lines.join('\n') + '\n');
}

async function main(): Promise<void> {
  const config = loadConfig();
  const { keys, createdFile } = loadWorkspaceKeys(config);
  const app = await buildApp({ config, workspaces: keys });
  if (createdFile) {
    app.log.info(
      { file: createdFile, accessKey: keys[0]!.accessKey },
      'created a workspace key pair (owner-only file)',
    );
  }

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // The last line of defence: the server's own code handles every promise (lint enforces it),
  // so one reaching here came from a library. It is logged, and the rooms carry on.
  process.on('unhandledRejection', (reason) =>
    app.log.error({ err: reason }, 'a promise failed with nobody to handle it'),
  );
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  const url = await app.listen({ host: config.host, port: config.port });
  // Start the media workers now, so a missing worker binary is reported at start, not at a join.
  await app.workers.start();
  const base = config.publicUrl ?? url;
  for (const link of app.demoLinks)
    app.log.info({ role: link.role, link: base + link.path }, 'demo room link');
  app.log.info({ url }, 'Convene is listening');
  if (process.stdout.isTTY) printBanner(base, app.demoLinks);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

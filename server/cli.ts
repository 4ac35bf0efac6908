// `convene` command line: `convene start` runs the server; `convene token` mints development
// tokens with the workspace keys of the data folder (or CONVENE_ACCESS_KEY/CONVENE_APP_SECRET).
import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { loadWorkspaceKeys } from './auth/workspace-keys.ts';
import { TokenService } from './auth/tokens.ts';

const USAGE = `usage:
  convene start                      start the server (same as npm start)
  convene token --type management [--ttl SECONDS] [--access-key KEY]
  convene token --type app --room-id ID --role ROLE [--user-id ID] [--ttl SECONDS] [--access-key KEY]`;

async function mintToken(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      type: { type: 'string' },
      'room-id': { type: 'string' },
      'user-id': { type: 'string' },
      role: { type: 'string' },
      ttl: { type: 'string' },
      'access-key': { type: 'string' },
    },
  });
  const type = values.type;
  if (type !== 'management' && type !== 'app')
    throw new Error(`--type must be management or app\n${USAGE}`);
  if (type === 'app' && (!values['room-id'] || !values.role))
    throw new Error(`app tokens need --room-id and --role\n${USAGE}`);
  const ttl = values.ttl === undefined ? 24 * 3600 : Number(values.ttl);
  if (!Number.isInteger(ttl) || ttl <= 0)
    throw new Error('--ttl must be a positive number of seconds');
  const config = loadConfig();
  const { keys } = loadWorkspaceKeys(config);
  const tokens = new TokenService(keys);
  const accessKey = values['access-key'] ?? tokens.defaultAccessKey;
  process.stdout.write(
    (await tokens.mint(accessKey, type, {
      ttlSeconds: ttl,
      roomId: values['room-id'],
      userId: values['user-id'] ?? 'cli-user',
      role: values.role,
    })) + '\n',
  );
}

async function run(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'token') return mintToken(rest);
  if (command === 'start') {
    await import('./main.ts');
    return;
  }
  throw new Error(USAGE);
}

run(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

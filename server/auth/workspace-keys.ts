// Workspace key pairs (access key + app secret). Each pair is one workspace whose data never
// mixes with another's. On first start with none configured, one is generated and kept in the
// data folder with owner-only permissions.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConveneError } from '../../src/protocol/errors.ts';
import { ensurePrivateFolder, PRIVATE_FILE_MODE } from '../storage/private-files.ts';

export interface WorkspaceKey {
  accessKey: string;
  secret: string;
}

export interface LoadedKeys {
  keys: WorkspaceKey[];
  /** Set when this call generated a new key file, so the caller can say where it is. */
  createdFile: string | undefined;
}

const KEY_FILE = 'keys.json';

interface KeyFile {
  workspaces: { access_key: string; secret: string }[];
}

function readKeyFile(file: string): WorkspaceKey[] {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
  if (!Array.isArray(parsed.workspaces) || parsed.workspaces.length === 0) {
    throw new ConveneError(
      'invalid_key_file',
      `${file} holds no workspaces; delete it to generate a new key pair`,
    );
  }
  return parsed.workspaces.map((w, i) => {
    if (typeof w.access_key !== 'string' || typeof w.secret !== 'string' || w.secret.length < 16) {
      throw new ConveneError(
        'invalid_key_file',
        `${file}: workspace ${i} needs an access_key and a secret of 16+ characters`,
      );
    }
    return { accessKey: w.access_key, secret: w.secret };
  });
}

export function generateWorkspaceKey(): WorkspaceKey {
  return {
    accessKey: randomBytes(12).toString('hex'),
    secret: randomBytes(32).toString('base64url'),
  };
}

export function writeKeyFile(dataDir: string, keys: WorkspaceKey[]): string {
  const file = path.join(dataDir, KEY_FILE);
  // Usually the first thing written to a fresh data folder, so it is what creates the folder.
  ensurePrivateFolder(dataDir);
  const body: KeyFile = {
    workspaces: keys.map((k) => ({ access_key: k.accessKey, secret: k.secret })),
  };
  // Written to a temporary name first so a crash never leaves a half-written key file.
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(body, null, 2) + '\n', { mode: PRIVATE_FILE_MODE });
  fs.renameSync(tmp, file);
  fs.chmodSync(file, PRIVATE_FILE_MODE);
  return file;
}

/**
 * The configured workspaces: the key file's, with CONVENE_ACCESS_KEY / CONVENE_APP_SECRET
 * replacing the first (default) one. With neither, a key pair is generated and saved.
 */
export function loadWorkspaceKeys(options: {
  dataDir: string;
  accessKey: string | undefined;
  appSecret: string | undefined;
}): LoadedKeys {
  const file = path.join(options.dataDir, KEY_FILE);
  const override =
    options.accessKey && options.appSecret
      ? { accessKey: options.accessKey, secret: options.appSecret }
      : undefined;
  if ((options.accessKey && !options.appSecret) || (!options.accessKey && options.appSecret)) {
    throw new ConveneError(
      'invalid_config',
      'set both CONVENE_ACCESS_KEY and CONVENE_APP_SECRET, or neither',
    );
  }
  if (fs.existsSync(file)) {
    const keys = readKeyFile(file);
    if (override) keys[0] = override;
    return { keys, createdFile: undefined };
  }
  if (override) return { keys: [override], createdFile: undefined };
  const keys = [generateWorkspaceKey()];
  return { keys, createdFile: writeKeyFile(options.dataDir, keys) };
}

// What Convene keeps in its data folder holds secrets (webhook signing secrets and room codes in
// the database, workspace secrets in keys.json), so what it creates there is the owner's alone,
// whatever the umask.
import fs from 'node:fs';

export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates `folder` (and any missing parent) owner-only. A folder that exists keeps its mode: the
 * operator may have chosen it (a mounted volume, a group that takes backups).
 */
export function ensurePrivateFolder(folder: string): void {
  fs.mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
}

/**
 * Takes group and other access away from `file` if it exists and is ours: files of an older
 * version, written under the umask, held the same secrets.
 */
export function restrictFile(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return; // not there (yet): whoever creates it sets its mode
  }
  const ours = process.getuid === undefined || stat.uid === process.getuid();
  if (ours && (stat.mode & 0o077) !== 0) fs.chmodSync(file, stat.mode & PRIVATE_FILE_MODE);
}

/** Creates `file` empty and owner-only if it is missing, else restricts it as restrictFile. */
export function ensurePrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
  restrictFile(file);
}

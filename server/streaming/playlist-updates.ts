// Wakes held playlist requests when ffmpeg writes into a rendition's folder: HLS's blocking
// playlist reload (`_HLS_msn`, server/api/hls.ts) answers a player the moment the segment it
// asked for is listed, instead of the player polling on its own timer. Polling finds each new
// segment up to a reload interval late, at a phase that stays put for the whole session (both
// sides tick once a target duration), so one viewer is steadily 0.1 s behind and the next 0.9 s.
// One watcher per folder, shared by every request waiting on it and closed with the last one.
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

interface WatchedFolder {
  watcher: FSWatcher;
  waiters: Set<() => void>;
}

/** Requests held at once, across every stream: past it, a request is answered as it stands. */
export const MAX_HELD_PLAYLIST_REQUESTS = 2_000;

/** Each waiter, once (a woken waiter leaves the set, so the set is copied first). */
function wakeAll(folder: WatchedFolder): void {
  for (const wake of [...folder.waiters]) wake();
}

export class PlaylistUpdates {
  readonly #folders = new Map<string, WatchedFolder>();
  #held = 0;

  /** Requests waiting now. */
  get held(): number {
    return this.#held;
  }

  /** Whether another request may be held now. */
  get canHold(): boolean {
    return this.#held < MAX_HELD_PLAYLIST_REQUESTS;
  }

  /** Wakes the requests waiting on `dir` or a folder under it (its stream ended). */
  wakeUnder(dir: string): void {
    for (const [watched, folder] of this.#folders) {
      if (watched === dir || watched.startsWith(dir + path.sep)) wakeAll(folder);
    }
  }

  /**
   * Resolves on the next playlist written into `dir`, after `timeoutMs`, or when `signal`
   * aborts (the player went away), whichever is first; never rejects. The caller reads the
   * playlist again. Resolves false at once when there is nothing to wait on (the folder is
   * gone, the player too): the caller answers with what it has.
   */
  nextChange(dir: string, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      const folder = signal.aborted ? undefined : this.#watch(dir);
      if (!folder) {
        resolve(false);
        return;
      }
      this.#held++;
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        folder.waiters.delete(done);
        this.#held--;
        if (folder.waiters.size === 0) this.#unwatch(dir, folder);
        resolve(true);
      };
      const timer = setTimeout(done, timeoutMs);
      signal.addEventListener('abort', done, { once: true });
      folder.waiters.add(done);
    });
  }

  /** Wakes and forgets every waiter (the server is closing). */
  close(): void {
    for (const folder of this.#folders.values()) wakeAll(folder);
  }

  #watch(dir: string): WatchedFolder | undefined {
    const existing = this.#folders.get(dir);
    if (existing) return existing;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, { persistent: false });
    } catch {
      // The folder is gone (or not there yet): nothing to wait for, the caller answers as is.
      return undefined;
    }
    const folder: WatchedFolder = { watcher, waiters: new Set() };
    // ffmpeg writes each segment in many pieces, and each playlist once (a temporary file
    // renamed): only the playlists' names wake anyone.
    watcher.on('change', (_event, file) => {
      if (file === null || String(file).includes('.m3u8')) wakeAll(folder);
    });
    // A folder removed under us ends the watch; its waiters read the playlist once more.
    watcher.on('error', () => {
      this.#unwatch(dir, folder);
      wakeAll(folder);
    });
    this.#folders.set(dir, folder);
    return folder;
  }

  #unwatch(dir: string, folder: WatchedFolder): void {
    if (this.#folders.get(dir) !== folder) return;
    this.#folders.delete(dir);
    folder.watcher.close();
  }
}

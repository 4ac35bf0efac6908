// Steps the streaming benches share: bounded waits, an output's first media, and a publisher's
// producers as the server's room holds them.
import type { PipelineOutput } from '../server/streaming/pipeline-types.ts';
import type { LiveRoom } from '../server/rooms/live-room.ts';

export const STEP_TIMEOUT_MS = 60_000;

/** `promise`, or a failure naming `what` once `ms` have passed. */
export async function within<T>(
  what: string,
  promise: Promise<T>,
  ms = STEP_TIMEOUT_MS,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `read` until it gives a value, or fails naming `what`. */
export async function waitUntil<T>(read: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`no ${what} in ${STEP_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Resolves when the output writes its first media; rejects if it ends first. */
export function running(output: PipelineOutput): Promise<void> {
  const promise = new Promise<void>((resolve, reject) => {
    output.once('running', () => resolve());
    output.once('ended', ({ failed }) => reject(new Error(`output ended: ${failed ?? 'stopped'}`)));
  });
  // Awaited later; until then a failure must not count as unhandled.
  promise.catch(() => undefined);
  return promise;
}

/** A publisher's camera and microphone producer ids, once the room has both. */
export function publisherProducers(
  room: LiveRoom,
  userId: string,
): { camera: string; microphone: string } | undefined {
  const peer = [...room.peers.values()].find((p) => p.userId === userId);
  if (!peer) return undefined;
  const bySource = new Map(
    [...peer.media.producers.values()].map((producer) => [producer.appData.source, producer.id]),
  );
  const camera = bySource.get('camera');
  const microphone = bySource.get('microphone');
  return camera && microphone ? { camera, microphone } : undefined;
}

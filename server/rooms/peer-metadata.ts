// Peer metadata as 100ms keeps it: an opaque string the peer sets (its prebuilt puts JSON such as
// `{"isHandRaised":true}` in it). The server reads it only to lower a hand someone else raised.
import { invalid } from '../../src/protocol/errors.ts';

/** Refuses metadata larger than `maxBytes` of UTF-8. */
export function checkMetadata(metadata: string, maxBytes: number): void {
  if (Buffer.byteLength(metadata) > maxBytes) {
    throw invalid(`peer metadata may hold at most ${maxBytes} bytes`, 'metadata_too_large');
  }
}

/**
 * The metadata with `isHandRaised` set to false, or undefined when no hand is raised in it
 * (not JSON, not an object, or the flag not true): then there is nothing to change.
 */
export function withHandLowered(metadata: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(metadata);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const fields = parsed as Record<string, unknown>;
  if (fields.isHandRaised !== true) return undefined;
  return JSON.stringify({ ...fields, isHandRaised: false });
}

// Free-form JSON a caller stores and reads back (template settings and destinations, a room's
// recording_info.upload_info): any shape, within bounds. Storing, listing and serializing such a
// value recurse once per level and every read of its room or template carries it, so a value
// thousands of levels deep once answered 500 on each read, for good.
import { Type } from 'typebox';

export interface FreeFormLimits {
  /** Levels of objects and arrays, the field itself counting as 1. */
  maxDepth: number;
  /** Size as JSON, in UTF-8 bytes. */
  maxBytes: number;
}

/** Far above what 100ms's recording, HLS and RTMP settings use (at most 6 levels, a few KiB). */
export const FREE_FORM_LIMITS: FreeFormLimits = { maxDepth: 32, maxBytes: 16 * 1024 };

/**
 * The schema keyword carrying the limits, enforced by the REST validator
 * (server/api/validators.ts). Its `x-` prefix makes it an extension OpenAPI readers may ignore.
 */
export const FREE_FORM_KEYWORD = 'x-free-form';

const DESCRIPTION = `free-form JSON, at most ${FREE_FORM_LIMITS.maxDepth} levels deep and ${FREE_FORM_LIMITS.maxBytes / 1024} KiB`;

/** The options that make an object schema a bounded free-form field. */
export const freeFormOptions = () => ({
  [FREE_FORM_KEYWORD]: FREE_FORM_LIMITS,
  description: DESCRIPTION,
});

/** A free-form JSON object field. */
export const FreeFormObject = () => Type.Record(Type.String(), Type.Unknown(), freeFormOptions());

/** The deepest nesting in `value`, counted without recursion and at most to `stopAt`. */
function depthOf(value: unknown, stopAt: number): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 1]];
  for (let entry = pending.pop(); entry; entry = pending.pop()) {
    const [node, depth] = entry;
    if (node === null || typeof node !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > stopAt) return deepest;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return deepest;
}

/** Why `value` is out of bounds, in words that follow the field's name; undefined if within. */
export function freeFormProblem(
  value: unknown,
  limits: FreeFormLimits = FREE_FORM_LIMITS,
): string | undefined {
  if (depthOf(value, limits.maxDepth) > limits.maxDepth) {
    return `nests deeper than ${limits.maxDepth} levels`;
  }
  // Measured only once the depth is known to be small: JSON.stringify recurses.
  const bytes = new TextEncoder().encode(JSON.stringify(value)).length;
  if (bytes > limits.maxBytes) return `is larger than ${limits.maxBytes} bytes as JSON`;
  return undefined;
}

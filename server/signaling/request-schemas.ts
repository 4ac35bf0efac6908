// Checks each signaling request before a handler sees it: how deeply it nests, then its data
// against its schema (declared once, in src/protocol/signaling-schemas.ts).
import { Compile } from 'typebox/compile';
import type { RequestMethod } from '../../src/protocol/signaling.ts';
import { REQUESTS } from '../../src/protocol/signaling-schemas.ts';

const validators = Object.fromEntries(
  Object.entries(REQUESTS).map(([method, { data }]) => [method, Compile(data)]),
) as Record<RequestMethod, ReturnType<typeof Compile>>;

export function isRequestMethod(method: unknown): method is RequestMethod {
  return typeof method === 'string' && Object.hasOwn(REQUESTS, method);
}

/** Undefined when valid, else a message naming the first bad field. */
export function checkRequestData(method: RequestMethod, data: unknown): string | undefined {
  const validator = validators[method];
  if (validator.Check(data)) return undefined;
  const [first] = validator.Errors(data);
  const where = first?.instancePath
    ? first.instancePath.replace(/^\//, '').replaceAll('/', '.')
    : 'data';
  return `${method}: ${where} ${first?.message ?? 'is invalid'}`;
}

/**
 * Whether a parsed message nests arrays and objects deeper than `maxDepth`. Iterative, so a
 * 30,000-level message costs a loop, not the stack: everything past this point (validation,
 * JSON.stringify, mediasoup) recurses.
 */
export function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= maxDepth) return true;
    for (const child of Object.values(item)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

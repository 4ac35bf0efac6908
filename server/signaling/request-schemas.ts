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
 * Why a parsed message is refused before its method is even looked at, if it is: it nests
 * arrays and objects deeper than `maxDepth` (everything past this point recurses: validation,
 * JSON.stringify, mediasoup), or holds a string that is not well-formed UTF-16 (a lone
 * surrogate the media worker cannot parse, so it would never answer) or holds U+0000 (which
 * PostgreSQL's text cannot store: a name, a chat line). Iterative, so a
 * 30,000-level message costs a loop, not the stack.
 */
export function messageProblem(value: unknown, maxDepth: number): string | undefined {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item === 'string') {
      if (!item.isWellFormed()) return 'strings must be well-formed Unicode';
      if (item.includes('\u0000')) return 'strings may not contain U+0000';
      continue;
    }
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= maxDepth) return `messages may nest at most ${maxDepth} levels`;
    for (const [key, child] of Object.entries(item)) {
      if (!key.isWellFormed() || key.includes('\u0000')) {
        return 'strings must be well-formed Unicode, without U+0000';
      }
      stack.push([child, depth + 1]);
    }
  }
  return undefined;
}

// The one JSON body parser of the REST API. JSON.parse itself copes with any depth, but storing,
// validating and serializing a value recurse once per level, so a body nested deeper than any
// request needs is refused here, before a route sees it. It also refuses what Fastify's own
// parser refuses (`__proto__`, and `constructor.prototype`), naming the field instead of
// answering "not valid JSON", and U+0000 in any string (request-text.ts says why).
import type { FastifyRequest } from 'fastify';
import { invalid } from '../../src/protocol/errors.ts';
import { holdsNul, NUL_REFUSAL } from './request-text.ts';

/**
 * Deepest nesting of a request body, counting the body itself as 1. Legitimate bodies stay far
 * below: a free-form field (32 levels at most) starts at level 3 (a room's
 * recording_info.upload_info), a role's simulcast layer sits at level 8 of a template.
 */
export const MAX_BODY_DEPTH = 64;

interface Pending {
  value: object;
  depth: number;
  parent: Pending | undefined;
  key: string;
}

/** `roles.host.publishParams`: the field as the caller wrote it, or `body` for the whole. */
function fieldOf(entry: Pending): string {
  const keys: string[] = [];
  for (let at: Pending | undefined = entry; at?.parent; at = at.parent) keys.unshift(at.key);
  return keys.join('.') || 'body';
}

function refuse(field: string, why: string): never {
  throw invalid(`invalid field ${field}: ${why}`, `invalid_field:${field}`);
}

/**
 * Walks the parsed value without recursion, so its own depth cannot overflow the stack.
 * `checkText` is false when the JSON text holds no `\u0000`, the only way JSON writes U+0000.
 */
function checkParsed(root: unknown, checkText: boolean): void {
  if (checkText && typeof root === 'string' && holdsNul(root)) refuse('body', NUL_REFUSAL);
  if (root === null || typeof root !== 'object') return;
  const pending: Pending[] = [{ value: root, depth: 1, parent: undefined, key: '' }];
  for (let entry = pending.pop(); entry; entry = pending.pop()) {
    if (entry.depth > MAX_BODY_DEPTH) {
      // Named by its outermost field: the full path would be as long as the nesting.
      let top = entry;
      while (top.parent?.parent) top = top.parent;
      const field = Array.isArray(root) ? 'body' : fieldOf(top);
      refuse(field, `nests deeper than ${MAX_BODY_DEPTH} levels`);
    }
    for (const [key, value] of Object.entries(entry.value)) {
      if (checkText && (holdsNul(key) || (typeof value === 'string' && holdsNul(value)))) {
        // A key with U+0000 is named by its object, as it cannot be written back.
        const at = holdsNul(key) ? entry : { value: entry.value, depth: 0, parent: entry, key };
        refuse(fieldOf(at), NUL_REFUSAL);
      }
      if (!Array.isArray(entry.value)) {
        const isPrototype =
          key === '__proto__' ||
          (key === 'constructor' &&
            value !== null &&
            typeof value === 'object' &&
            Object.hasOwn(value as object, 'prototype'));
        if (isPrototype) {
          const field = fieldOf({ value: entry.value, depth: 0, parent: entry, key });
          refuse(field, 'a prototype key is not accepted');
        }
      }
      if (value !== null && typeof value === 'object') {
        pending.push({ value: value as object, depth: entry.depth + 1, parent: entry, key });
      }
    }
  }
}

/** Parses and checks a JSON body; throws a 400 in our shape for anything refused. */
export function parseJsonBody(text: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid('the request body is not valid JSON', 'invalid_json');
  }
  checkParsed(parsed, text.includes('\\u0000'));
  return parsed;
}

type Done = (error: Error | null, body?: unknown) => void;

/**
 * A content-type parser (`parseAs: 'string'`) over parseJsonBody. `emptyBody` is what an empty
 * body stands for; without it an empty body is refused as Fastify's parser does.
 */
export function jsonBodyParser(options: { emptyBody?: () => unknown } = {}) {
  return (_request: FastifyRequest, body: string | Buffer, done: Done): void => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text === '' && options.emptyBody) return done(null, options.emptyBody());
    if (text === '') return done(invalid('the request body is empty: send JSON', 'invalid_json'));
    try {
      done(null, parseJsonBody(text));
    } catch (error) {
      done(error as Error);
    }
  };
}

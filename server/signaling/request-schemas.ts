// Checks each signaling request's data against its schema (declared once, in
// src/protocol/signaling-schemas.ts) before a handler sees it.
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

// What the REST API tests check again and again: 100ms's error body, and requests the harness's
// JSON helper does not make (other content types, raw bodies, no token).
import assert from 'node:assert/strict';
import type { TestServer } from '../support/test-server.ts';

export interface ApiResponse {
  status: number;
  body: any;
}

/** The reply has `status` and 100ms's error body `{code: status, message, details: [reason]}`. */
export function assertError(response: ApiResponse, status: number, reason?: string): void {
  assert.equal(
    response.status,
    status,
    `expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`,
  );
  assert.equal(response.body.code, status);
  assert.equal(typeof response.body.message, 'string');
  assert.ok(response.body.message.length > 0, 'the message is not empty');
  assert.ok(Array.isArray(response.body.details), 'details is an array');
  assert.equal(response.body.details.length, 1);
  assert.equal(typeof response.body.details[0], 'string');
  if (reason !== undefined) assert.equal(response.body.details[0], reason);
}

/** A 400 whose message and details both name `field` as the caller wrote it. */
export function assertInvalidField(response: ApiResponse, field: string): void {
  assertError(response, 400, `invalid_field:${field}`);
  assert.ok(
    response.body.message.includes(`${field}:`),
    `the message names ${field}: ${JSON.stringify(response.body.message)}`,
  );
}

/** A request with exactly the headers and body given: no token unless one is passed. */
export async function rawRequest(
  server: TestServer,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<ApiResponse & { headers: Headers }> {
  const response = await fetch(server.url + path, {
    method,
    headers: options.headers,
    body: options.body,
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: the test sees the text
  }
  return { status: response.status, headers: response.headers, body };
}

/** Follows `last` from page to page, as 100ms documents, and returns every item in order. */
export async function allPages(server: TestServer, path: string, token?: string): Promise<any[]> {
  const items: any[] = [];
  let start = '';
  for (let page = 0; page < 1000; page++) {
    const separator = path.includes('?') ? '&' : '?';
    const response = await server.api(
      'GET',
      start ? `${path}${separator}start=${start}` : path,
      undefined,
      token,
    );
    assert.equal(response.status, 200, JSON.stringify(response.body));
    items.push(...response.body.data);
    if (response.body.last === '') return items;
    start = response.body.last;
  }
  throw new Error(`${path} never reached a page with last == ''`);
}

/** A name no other test uses, within the characters room and template names allow. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

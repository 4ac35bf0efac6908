// One place where every thrown error becomes the reply the caller sees, in 100ms's shape:
// `{code: <HTTP status>, message, details: [<reason>]}`. 100ms's web SDK reads `code` from the
// body (it retries on 429 and 5xx codes, and its prebuilt UI words 403 and 404 differently), so
// the numeric code is the contract and `details[0]` carries our finer machine-readable reason
// (a ConveneError's `code`). Validation errors name the field; 5xx replies carry no internals.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConveneError, type ErrorKind } from '../../src/protocol/errors.ts';

interface ErrorBody {
  code: number;
  message: string;
  details: string[];
}

function errorBody(statusCode: number, message: string, reason: string): ErrorBody {
  return { code: statusCode, message, details: [reason] };
}

/** The HTTP status of each kind of refusal. */
const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  upgrade_required: 426,
  unavailable: 503,
};

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** `/roles/host/priority` -> `roles.host.priority`: the field as the caller wrote it. */
function fieldName(context: string | undefined, issue: ValidationIssue): string {
  const parts = (issue.instancePath ?? '').split('/').filter(Boolean);
  const missing = issue.params?.requiredProperties ?? issue.params?.missingProperty;
  if (typeof missing === 'string') parts.push(missing);
  else if (Array.isArray(missing) && typeof missing[0] === 'string') parts.push(missing[0]);
  const extra = issue.params?.additionalProperties ?? issue.params?.additionalProperty;
  if (typeof extra === 'string') parts.push(extra);
  else if (Array.isArray(extra) && typeof extra[0] === 'string') parts.push(extra[0]);
  return parts.join('.') || context || 'body';
}

/** Fastify's own error codes that are the caller's fault: [status, reason]. */
const CLIENT_ERRORS: Record<string, [number, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body_too_large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_json'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid_request'],
};

/** Fastify's own errors (validation, body parsing, rate limit) that are the caller's fault. */
function fastifyRefusal(error: FastifyError): ErrorBody | undefined {
  if (error.validation) {
    const issue = error.validation[0] as ValidationIssue;
    const field = fieldName(error.validationContext, issue);
    const where = error.validationContext === 'querystring' ? 'query parameter' : 'field';
    return errorBody(
      400,
      `invalid ${where} ${field}: ${issue.message ?? 'is invalid'}`,
      `invalid_field:${field}`,
    );
  }
  const mapped = error.code ? CLIENT_ERRORS[error.code] : undefined;
  if (mapped) return errorBody(mapped[0], error.message, mapped[1]);
  if (error instanceof SyntaxError) {
    return errorBody(400, 'the request body is not valid JSON', 'invalid_json');
  }
  if (error.statusCode === 429) return errorBody(429, error.message, 'rate_limited');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return errorBody(error.statusCode, error.message, 'invalid_request');
  }
  return undefined;
}

/** The reply to a refusal of what the caller asked; undefined for the server's own failure. */
function refusal(error: FastifyError | ConveneError): ErrorBody | undefined {
  if (error instanceof ConveneError) {
    // A ConveneError without a kind is the server's own fault, so it is a 500 like any other.
    return error.kind ? errorBody(STATUS[error.kind], error.message, error.code) : undefined;
  }
  return fastifyRefusal(error);
}

/** Longest path parameter the router takes; ids are 64 characters at most, role names 100. */
export const MAX_PATH_PARAMETER_LENGTH = 100;

/**
 * Fastify's `frameworkErrors` option: refusals its router makes before any route, hook or error
 * handler runs, which would otherwise answer in Fastify's own shape.
 */
export function frameworkErrors(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  let body: ErrorBody;
  if (error.code === 'FST_ERR_BAD_URL') {
    body = errorBody(400, 'the URL path holds a %-escape that is not UTF-8', 'invalid_url');
  } else if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    body = errorBody(
      400,
      `a path parameter is longer than ${MAX_PATH_PARAMETER_LENGTH} characters`,
      'path_parameter_too_long',
    );
  } else {
    request.log.error({ err: error }, 'request failed in the router');
    body = errorBody(500, 'the server failed to handle this request', 'internal_error');
  }
  reply.status(body.code).send(body);
}

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser refuses before Fastify sees a request
 * (malformed HTTP, a request line and headers over its 16 KiB, a request too slow to arrive). It
 * is written to the socket in our shape, which then closes, as Node's own answer does.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message, reason] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'the request did not arrive in time', 'request_timeout']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [
            431,
            'the request line and headers are larger than this server accepts',
            'headers_too_large',
          ]
        : [400, 'the request is not well-formed HTTP/1.1', 'invalid_http'];
  const body = JSON.stringify(errorBody(status, message, reason));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ConveneError, request, reply) => {
    const body = refusal(error);
    if (error instanceof ConveneError && error.retryAfterMs !== undefined) {
      reply.header('retry-after', Math.ceil(error.retryAfterMs / 1000));
    }
    if (body) return reply.status(body.code).send(body);
    request.log.error({ err: error }, 'request failed');
    return reply
      .status(500)
      .send(errorBody(500, 'the server failed to handle this request', 'internal_error'));
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    reply.status(404).send(errorBody(404, `no route for ${request.method} ${path}`, 'no_route'));
  });
}

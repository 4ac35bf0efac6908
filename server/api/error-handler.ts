// One place where every thrown error becomes the reply the caller sees (see errors.ts for the
// shape). Validation errors name the field; 5xx replies carry no internals.
import type { FastifyError, FastifyInstance } from 'fastify';
import { ApiError, errorBody } from './errors.ts';

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

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiError) {
      return reply
        .status(error.statusCode)
        .send(errorBody(error.statusCode, error.message, error.reason));
    }
    if (error.validation) {
      const issue = error.validation[0] as ValidationIssue;
      const field = fieldName(error.validationContext, issue);
      const where = error.validationContext === 'querystring' ? 'query parameter' : 'field';
      return reply
        .status(400)
        .send(
          errorBody(
            400,
            `invalid ${where} ${field}: ${issue.message ?? 'is invalid'}`,
            `invalid_field:${field}`,
          ),
        );
    }
    const mapped = error.code ? CLIENT_ERRORS[error.code] : undefined;
    if (mapped) return reply.status(mapped[0]).send(errorBody(mapped[0], error.message, mapped[1]));
    if (error instanceof SyntaxError) {
      return reply
        .status(400)
        .send(errorBody(400, 'the request body is not valid JSON', 'invalid_json'));
    }
    if (error.statusCode === 429) {
      return reply.status(429).send(errorBody(429, error.message, 'rate_limited'));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply
        .status(error.statusCode)
        .send(errorBody(error.statusCode, error.message, 'invalid_request'));
    }
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

// REST resource of ours (100ms configures webhooks in its dashboard): a workspace's webhook
// endpoints, and the delivery log with replay.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Webhook } from 'standardwebhooks';
import { conflict, invalid, notFound } from '../../src/protocol/errors.ts';
import { Id, PageOf, PageQuery, pageRequest } from './common-schemas.ts';
import { ADDRESS_CLASS_DESCRIPTION, hostnameClass } from '../webhooks/address-policy.ts';

const Endpoint = Type.Object({
  id: Type.String(),
  url: Type.String(),
  source: Type.String({ description: '"env" when configured by CONVENE_WEBHOOK_URL, else "api"' }),
  created_at: Type.String(),
});

const Delivery = Type.Object({
  id: Type.String(),
  event_id: Type.String(),
  type: Type.String(),
  room_id: Type.String(),
  endpoint_id: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
  attempts: Type.Integer(),
  next_attempt_at: Type.Union([Type.String(), Type.Null()]),
  last_status_code: Type.Union([Type.Integer(), Type.Null()]),
  last_error: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
  delivered_at: Type.Union([Type.String(), Type.Null()]),
});

const TAGS = ['webhooks'];

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** Throws a 400 unless `secret` is one the Standard Webhooks libraries accept. */
export function checkWebhookSecret(secret: string): void {
  try {
    if (!secret.startsWith('whsec_')) throw new Error('missing prefix');
    new Webhook(secret);
    // The spec's libraries take a key of any length; the spec (and svix) asks for 24 to 64
    // bytes, and a short key is an HMAC anyone can brute-force.
    const bytes = Buffer.from(secret.slice('whsec_'.length), 'base64').length;
    if (bytes < 24 || bytes > 64) throw new Error('key length');
  } catch {
    throw invalid(
      'invalid field secret: use whsec_ followed by base64 (24 to 64 bytes)',
      'invalid_field:secret',
    );
  }
}

/** Throws a 400 unless `url` is an http(s) URL a delivery can be sent to. */
export function checkWebhookUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid('invalid field url: not a URL', 'invalid_field:url');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw invalid('invalid field url: use an http or https URL', 'invalid_field:url');
  }
  // fetch() refuses such URLs, so no delivery could succeed, and its error would copy the
  // password into the delivery log and the server's logs.
  if (parsed.username || parsed.password) {
    throw invalid(
      'invalid field url: credentials in the URL are not supported',
      'invalid_field:url',
    );
  }
}

/**
 * Throws a 400 when `url` names a non-public address: an IP literal in any spelling the URL
 * parser reads as one (2130706433, 0x7f.1, [::ffff:127.0.0.1]) or localhost. Other names are
 * judged where it matters, at delivery, on the address they resolve to then: no DNS answer read
 * now could hold for later deliveries.
 */
export function checkPublicWebhookUrl(url: string): void {
  const { hostname } = new URL(url);
  const addressClass = hostnameClass(hostname);
  if (!addressClass) return;
  throw invalid(
    `invalid field url: ${hostname} is ${ADDRESS_CLASS_DESCRIPTION[addressClass]}; webhook ` +
      'endpoints must be public unless the server allows private ones (CONVENE_WEBHOOK_ALLOW_PRIVATE)',
    'invalid_field:url',
  );
}

export interface WebhookRoutesOptions {
  /** CONVENE_WEBHOOK_ALLOW_PRIVATE: endpoints added here may target non-public addresses. */
  allowPrivate: boolean;
}

async function routes(app: FastifyInstance, options: WebhookRoutesOptions) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const store = app.storage.webhooks;

  api.post(
    '/v2/webhooks',
    {
      schema: {
        tags: TAGS,
        summary: 'Add an endpoint; the answer shows its signing secret once',
        body: Type.Object(
          {
            url: Type.String({
              maxLength: 2000,
              description:
                'http(s) URL of a public address, unless the server sets CONVENE_WEBHOOK_ALLOW_PRIVATE',
            }),
            secret: Type.Optional(
              Type.String({ maxLength: 200, description: 'whsec_<base64>; generated if absent' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ ...Endpoint.properties, secret: Type.String() }) },
      },
    },
    async (request, reply) => {
      const { url } = request.body;
      checkWebhookUrl(url);
      if (!options.allowPrivate) checkPublicWebhookUrl(url);
      const secret = request.body.secret ?? newWebhookSecret();
      checkWebhookSecret(secret);
      const endpoint = await store.addEndpoint(request.workspaceId, url, secret, 'api');
      return reply.status(201).send({ ...endpoint, secret });
    },
  );

  api.get(
    '/v2/webhooks',
    {
      schema: {
        tags: TAGS,
        summary: 'List endpoints',
        querystring: Type.Object(PageQuery),
        response: { 200: PageOf(Endpoint) },
      },
    },
    async (request) => store.listEndpoints(request.workspaceId, pageRequest(request.query)),
  );

  api.delete(
    '/v2/webhooks/:endpoint_id',
    {
      schema: {
        tags: TAGS,
        summary: 'Remove an endpoint; its pending deliveries end as failed',
        params: Type.Object({ endpoint_id: Id }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      if (!(await store.removeEndpoint(request.workspaceId, request.params.endpoint_id))) {
        throw notFound(
          `webhook endpoint ${request.params.endpoint_id} not found`,
          'endpoint_not_found',
        );
      }
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/v2/webhooks/deliveries',
    {
      schema: {
        tags: TAGS,
        summary: 'The delivery log, oldest first',
        querystring: Type.Object({
          ...PageQuery,
          status: Type.Optional(
            Type.Union([
              Type.Literal('pending'),
              Type.Literal('delivered'),
              Type.Literal('failed'),
            ]),
          ),
          endpoint_id: Type.Optional(Id),
          event_id: Type.Optional(Type.String({ maxLength: 64 })),
        }),
        response: { 200: PageOf(Delivery) },
      },
    },
    async (request) => {
      const { status, endpoint_id, event_id } = request.query;
      return store.listDeliveries(
        request.workspaceId,
        { status, endpoint_id, event_id },
        pageRequest(request.query),
      );
    },
  );

  api.post(
    '/v2/webhooks/deliveries/:delivery_id/replay',
    {
      schema: {
        tags: TAGS,
        summary: 'Send a delivered or failed event to its endpoint again',
        params: Type.Object({ delivery_id: Id }),
        response: { 202: Delivery },
      },
    },
    async (request, reply) => {
      const { delivery_id } = request.params;
      const delivery = await store.replay(request.workspaceId, delivery_id);
      if (delivery === 'not_found')
        throw notFound(`delivery ${delivery_id} not found`, 'delivery_not_found');
      if (delivery === 'still_pending') {
        throw conflict(
          `delivery ${delivery_id} is still pending: it is being sent`,
          'delivery_pending',
        );
      }
      if (delivery === 'endpoint_removed') {
        throw conflict(`the endpoint of delivery ${delivery_id} was removed`, 'endpoint_removed');
      }
      app.webhooks.wake();
      return reply.status(202).send(delivery);
    },
  );
}

export const webhookRoutes = fp<WebhookRoutesOptions>(routes, {
  name: 'convene-webhook-routes',
  dependencies: ['convene-storage', 'convene-webhooks'],
  encapsulate: true,
});

// Schemas of every signaling request's data, checked before a handler sees it. mediasoup's own
// parameter objects are only checked to be objects: mediasoup validates their insides.
import { Type, type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import type { RequestMethod } from '../../src/protocol/signaling.ts';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Obj = Type.Record(Type.String(), Type.Unknown());
const Empty = Type.Object({}, { additionalProperties: false });
const Source = Type.Union(
  ['camera', 'microphone', 'screen', 'screen-audio'].map((s) => Type.Literal(s)),
);

const schemas: Record<RequestMethod, TSchema> = {
  join: Type.Object(
    {
      token: Type.String({ minLength: 1, maxLength: 4096 }),
      name: Type.Optional(Type.String({ maxLength: 100 })),
      resume: Type.Optional(Type.Object({ peerId: Id, secret: Type.String({ maxLength: 64 }) })),
    },
    { additionalProperties: false },
  ),
  createTransport: Type.Object({
    direction: Type.Union([Type.Literal('send'), Type.Literal('recv')]),
  }),
  connectTransport: Type.Object({ transportId: Id, dtlsParameters: Obj }),
  restartIce: Type.Object({ transportId: Id }),
  setRtpCapabilities: Type.Object({ rtpCapabilities: Obj }),
  produce: Type.Object({
    transportId: Id,
    source: Source,
    kind: Type.Union([Type.Literal('audio'), Type.Literal('video')]),
    rtpParameters: Obj,
    paused: Type.Optional(Type.Boolean()),
  }),
  pauseProducer: Type.Object({ producerId: Id }),
  resumeProducer: Type.Object({ producerId: Id }),
  closeProducer: Type.Object({ producerId: Id }),
  consumerReady: Type.Object({ consumerId: Id }),
  setVisibleTiles: Type.Object({
    tiles: Type.Array(
      Type.Object({
        peerId: Id,
        source: Type.Union([Type.Literal('camera'), Type.Literal('screen')]),
        width: Type.Number({ minimum: 0, maximum: 16384 }),
        height: Type.Number({ minimum: 0, maximum: 16384 }),
      }),
      { maxItems: 100 },
    ),
  }),
  setName: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }),
  ping: Empty,
  leave: Empty,
};

const validators = Object.fromEntries(
  Object.entries(schemas).map(([method, schema]) => [method, Compile(schema)]),
) as Record<RequestMethod, ReturnType<typeof Compile>>;

export function isRequestMethod(method: unknown): method is RequestMethod {
  return typeof method === 'string' && Object.hasOwn(schemas, method);
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

// fast-check arbitraries for fuzzing signaling requests: each method's data derived from its
// TypeBox schema (valid-shaped, then broken), and the hostile strings and values they are broken
// with. Values stay small and printable so counterexamples can be read: what is big or deep is a
// marker the frame builder expands (`$deep:array:20000`, `$huge:60000`, see signaling-frames.ts),
// and ids the fuzzer cannot know in advance (a transport, a consumer) are `$ref:...` markers the
// socket fills in when it sends.
import fc from 'fast-check';
import { REQUESTS } from '../../src/protocol/signaling-schemas.ts';
import { SOURCE_KIND, type MediaSource } from '../../src/protocol/signaling.ts';

/** Every request method, as declared: a new method is fuzzed without touching this file. */
export const METHODS = Object.keys(REQUESTS);

/** Names an object lookup finds on every object's prototype. */
export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  'prototype',
  '__defineGetter__',
];

/** A request's frame: `data` undefined means the frame has no data field. */
export interface RequestCommand {
  kind: 'request';
  method: string;
  data: unknown;
}

// --- hostile values ---

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      ...PROTOTYPE_KEYS,
      '',
      ' ',
      '\t\r\n',
      '\u0000',
      'a\u0000b',
      '\ud800',
      '\udfff\ud800',
      '\u202egnp.exe',
      'e\u0301\u0301\u0301',
      '\ufeff',
      '🧨'.repeat(40),
      'null',
      'undefined',
      'NaN',
      '-1',
      '1e309',
      '../../../etc/passwd',
      "'; DROP TABLE rooms; --",
      '%s%s%n',
      '<img src=x onerror=alert(1)>',
      '${7*7}',
      'x'.repeat(64),
      'x'.repeat(65),
      'x'.repeat(100),
      'x'.repeat(101),
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 30 }) },
);

const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(-1, -0, 0.5, 1e308, -1e308, 2 ** 31, 2 ** 32, 2 ** 53, 2 ** 64, 16385, 5e-324),
  fc.double(),
  fc.integer(),
);

/** Big or deep values, as markers `serializeFrame` expands. */
const sizeMarker = fc.constantFrom(
  '$deep:array:3000',
  '$deep:array:20000',
  '$deep:object:2000',
  '$deep:object:10000',
  '$huge:1000',
  '$huge:60000',
  '$huge:70000',
);

/** `{[key]: value}` makes an own property even for `__proto__`, which JSON then carries. */
const prototypeObject = fc
  .tuple(fc.constantFrom(...PROTOTYPE_KEYS), fc.oneof(hostileString, fc.jsonValue({ maxDepth: 1 })))
  .map(([key, value]) => ({ [key]: value }));

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
  { weight: 1, arbitrary: sizeMarker },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: prototypeObject },
);

// --- mediasoup-shaped objects, so the media handlers get past their first check ---

/** RTP parameters a browser could send for one track (opus or VP8, one SSRC). */
export function rtpParametersFor(kind: 'audio' | 'video', ssrc: number): Record<string, unknown> {
  const codec =
    kind === 'audio'
      ? { mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }
      : { mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 };
  return {
    codecs: [{ ...codec, parameters: {}, rtcpFeedback: [] }],
    encodings: [{ ssrc }],
    headerExtensions: [],
    rtcp: { cname: `fuzz-${ssrc}` },
  };
}

const rtpParameters = fc
  .tuple(
    fc.constantFrom('audio' as const, 'video' as const),
    fc.integer({ min: 1, max: 2 ** 32 - 1 }),
  )
  .map(([kind, ssrc]) => rtpParametersFor(kind, ssrc));

const rtpCapabilities = fc.constant({
  codecs: [
    {
      kind: 'audio',
      mimeType: 'audio/opus',
      clockRate: 48000,
      channels: 2,
      preferredPayloadType: 100,
    },
    { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, preferredPayloadType: 101 },
  ],
  headerExtensions: [],
});

const dtlsParameters = fc.record({
  role: fc.constantFrom('client', 'server', 'auto'),
  fingerprints: fc.array(
    fc.record({
      algorithm: fc.constantFrom('sha-256', 'sha-1', 'sha-512'),
      value: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) =>
        Buffer.from(bytes)
          .toString('hex')
          .toUpperCase()
          .replace(/(..)(?!$)/g, '$1:'),
      ),
    }),
    { minLength: 1, maxLength: 2 },
  ),
});

const looseObject = fc.dictionary(hostileString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });

function mediasoupObject(key: string): fc.Arbitrary<unknown> {
  switch (key) {
    case 'rtpParameters':
      return fc.oneof({ weight: 3, arbitrary: rtpParameters }, looseObject);
    case 'rtpCapabilities':
      return fc.oneof(
        { weight: 2, arbitrary: fc.constant('$ref:caps:router') },
        rtpCapabilities,
        looseObject,
      );
    case 'dtlsParameters':
      return fc.oneof({ weight: 2, arbitrary: dtlsParameters }, looseObject);
    default:
      return looseObject;
  }
}

// --- data derived from a schema ---

/** The JSON Schema TypeBox builds at runtime, as far as these arbitraries read it. */
interface JsonSchema {
  type?: string;
  const?: unknown;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  patternProperties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

/** Ids the socket fills in from what it has seen, so handlers find real objects. */
function refsFor(key: string): string[] {
  switch (key) {
    case 'transportId':
      return ['$ref:transport:send', '$ref:transport:recv'];
    case 'producerId':
      return ['$ref:producer:own', '$ref:producer:other'];
    case 'consumerId':
      return ['$ref:consumer'];
    case 'peerId':
      return ['$ref:peer:other', '$ref:peer:self'];
    case 'token':
      return ['$ref:token:host', '$ref:token:guest', '$ref:token:hls-viewer'];
    default:
      return [];
  }
}

function stringFor(key: string, schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 1000;
  const fits = (value: string) => value.length >= min && value.length <= max;
  const free = fc.oneof(fc.uuid(), hostileString.filter(fits));
  const refs = refsFor(key);
  return refs.length > 0
    ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...refs) }, free)
    : free;
}

/** Values that satisfy `schema` (mostly: a hostile string may still miss a length rule). */
function validValue(schema: JsonSchema, key: string): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((option) => validValue(option, key)));
  switch (schema.type) {
    case 'string':
      return stringFor(key, schema);
    case 'number':
    case 'integer': {
      const min = schema.minimum ?? -1e6;
      const max = schema.maximum ?? 1e6;
      const inside =
        schema.type === 'integer' ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true });
      return fc.oneof(fc.constantFrom(min, max), inside);
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = validValue(schema.items ?? {}, key);
      const max = schema.maxItems ?? 8;
      return fc.oneof(
        { weight: 4, arbitrary: fc.array(items, { maxLength: Math.min(max, 6) }) },
        { weight: 1, arbitrary: fc.array(items, { minLength: max, maxLength: max }) },
      );
    }
    case 'object': {
      if (schema.patternProperties) return mediasoupObject(key);
      const properties = schema.properties ?? {};
      const model = Object.fromEntries(
        Object.entries(properties).map(([name, property]) => [name, validValue(property, name)]),
      );
      return fc
        .tuple(fc.record(model, { requiredKeys: schema.required ?? [] }), fc.boolean())
        .map(([value, cohere]) => (cohere ? coherent(value) : value));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/**
 * Half of the valid objects are made to agree with themselves where fields depend on each other
 * (a camera is video, and so are its RTP parameters), or produce would almost never get past
 * its first check.
 */
function coherent(value: Record<string, unknown>): Record<string, unknown> {
  const kind = SOURCE_KIND[value.source as MediaSource];
  if (!kind || !('kind' in value)) return value;
  const parameters = value.rtpParameters as { encodings?: { ssrc?: unknown }[] } | undefined;
  const ssrc = parameters?.encodings?.[0]?.ssrc;
  return {
    ...value,
    kind,
    ...(typeof ssrc === 'number' ? { rtpParameters: rtpParametersFor(kind, ssrc) } : {}),
  };
}

interface Mutation {
  op: 'set' | 'drop' | 'extra';
  /** Which node of the value, counted in walk order (modulo their number). */
  at: number;
  key: string;
  value: unknown;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('set' as const, 'drop' as const, 'extra' as const),
  at: fc.nat(),
  key: fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), hostileString),
  value: hostileValue,
});

type Container = Record<string, unknown> | unknown[];
const isContainer = (value: unknown): value is Container =>
  typeof value === 'object' && value !== null;

/** Sets an own property, even `__proto__` (a plain assignment would change the prototype). */
function setOwn(target: Container, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function clone(value: unknown): unknown {
  if (!isContainer(value)) return value;
  if (Array.isArray(value)) return value.map(clone);
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) setOwn(copy, key, clone(inner));
  return copy;
}

/** Every node below the root, with its parent and key, in a fixed order. */
function nodesOf(root: unknown): { parent: Container; key: string }[] {
  const nodes: { parent: Container; key: string }[] = [];
  const walk = (value: unknown, depth: number) => {
    if (!isContainer(value) || depth > 8) return;
    for (const key of Object.keys(value)) {
      nodes.push({ parent: value, key });
      walk((value as Record<string, unknown>)[key], depth + 1);
    }
  };
  walk(root, 0);
  return nodes;
}

/** Applies one mutation in place; values put in are copies, so generated values stay intact. */
function mutate(data: unknown, { op, at, key, value }: Mutation): unknown {
  const nodes = nodesOf(data);
  const index = at % (nodes.length + 1);
  if (index === nodes.length) {
    // The root itself: replaced, dropped (no data field), or given an extra key.
    if (op === 'set') return clone(value);
    if (op === 'drop') return undefined;
    if (isContainer(data) && !Array.isArray(data)) setOwn(data, key, clone(value));
    return data;
  }
  const { parent, key: name } = nodes[index]!;
  if (op === 'set') setOwn(parent, name, clone(value));
  else if (op === 'drop') {
    if (Array.isArray(parent)) parent.splice(Number(name), 1);
    else delete parent[name];
  } else {
    const target = (parent as Record<string, unknown>)[name];
    if (Array.isArray(target)) target.push(clone(value));
    else if (isContainer(target)) setOwn(target, key, clone(value));
    else setOwn(parent, name, clone(value));
  }
  return data;
}

/** Valid-shaped data for `method`, then broken in one to three places. */
function brokenData(schema: JsonSchema): fc.Arbitrary<unknown> {
  return fc
    .tuple(validValue(schema, 'data'), fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([data, mutations]) => mutations.reduce(mutate, clone(data)));
}

export function requestFor(method: string): fc.Arbitrary<RequestCommand> {
  const schema = (REQUESTS as Record<string, { data: JsonSchema }>)[method]!.data;
  return fc
    .oneof(
      { weight: 5, arbitrary: validValue(schema, 'data') },
      { weight: 3, arbitrary: brokenData(schema) },
      { weight: 1, arbitrary: hostileValue },
      { weight: 1, arbitrary: fc.constant(undefined) },
    )
    .map((data) => ({ kind: 'request', method, data }));
}

export const anyRequest: fc.Arbitrary<RequestCommand> = fc.oneof(...METHODS.map(requestFor));

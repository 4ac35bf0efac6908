// fast-check arbitraries for REST requests, built from a route's own JSON schema (as the OpenAPI
// document gives it): values of the right shape, mixed with the wrong types, huge and unicode
// strings, deep nesting, prototype keys and nulls a careless or hostile caller sends.
import fc from 'fast-check';

export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

/** Names of Object.prototype members, and `prototype` (`constructor.prototype` poisons one). */
export const PROTOTYPE_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
];

/** `value` with `key` as an own property, even `__proto__` (plain assignment would not be). */
function withOwn(value: Record<string, unknown>, key: string, child: unknown) {
  Object.defineProperty(value, key, {
    value: child,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return value;
}

/**
 * Stands for arrays nested `levels` deep, too deep for JSON.stringify (it recurses): jsonBody
 * writes the nesting in its place.
 */
const deepMarker = (levels: number) => `@@nested:${levels}@@`;

/** `value` as JSON text, with the deep markers written out. */
export function jsonBody(value: unknown): string {
  const text = JSON.stringify(value) ?? '';
  return text.replace(/"@@nested:(\d+)@@"/g, (_match, levels: string) => {
    const count = Number(levels);
    return '['.repeat(count) + ']'.repeat(count);
  });
}

/** Arrays or objects nested `levels` deep; past the body limit's depth in a few cases. */
const deepValue = fc
  .tuple(fc.constantFrom(2, 17, 33, 63, 65, 300, 3000), fc.boolean())
  .map(([levels, asObject]) => {
    let value: unknown = asObject ? {} : [];
    for (let level = 1; level < levels; level++) value = asObject ? { a: value } : [value];
    return value;
  });

const prototypeObject = fc.oneof(
  fc.constantFrom(...PROTOTYPE_NAMES).map((key) => withOwn({}, key, { polluted: true })),
  fc.constant(withOwn({}, 'constructor', { prototype: { polluted: true } })),
);

export const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(...PROTOTYPE_NAMES),
  fc.integer({ min: 60, max: 260 }).map((length) => 'a'.repeat(length)),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '😀'.repeat(40),
    '%ff',
    '../../etc/passwd',
    "' OR 1=1 --",
    '<script>alert(1)</script>',
    '\r\nX-Injected: 1',
    '1e999',
    'null',
  ),
);

/** Anything JSON can hold, and then some a server should refuse. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -0, 1e308) },
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: deepValue },
  // Deep enough to overflow a recursive serializer: the one hostile value that once took the
  // server down (a 500 on every read of the room), so drawn often.
  { weight: 4, arbitrary: fc.constantFrom(5_000, 50_000).map(deepMarker) },
  { weight: 2, arbitrary: prototypeObject },
  // Over the 256 KiB body limit on its own: a 413 in our shape. Rare, or few bodies get read.
  { weight: 1, arbitrary: fc.constant('x'.repeat(300 * 1024)) },
);

/** `pattern` as a generator; lookaheads, which fast-check cannot run, filter afterwards. */
function matching(pattern: string): fc.Arbitrary<string> {
  const full = new RegExp(pattern);
  const simple = pattern.replace(/\(\?[!=][^)]*\)/g, '');
  const arbitrary = fc.stringMatching(new RegExp(simple));
  return simple === pattern ? arbitrary : arbitrary.filter((value) => full.test(value));
}

/** Ids and names that exist on the server under test, by the field or parameter that holds them. */
export type Known = Record<string, string[]>;

/**
 * Values the schema accepts, or close to it (the schema may say more than this reads). A field
 * named like a known id mostly holds one that exists, so the request gets past "not found".
 */
export function validValue(
  schema: JsonSchema,
  known: Known = {},
  name = '',
): fc.Arbitrary<unknown> {
  const existing = known[name] ?? [];
  if (existing.length > 0)
    return fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...existing) },
      { weight: 1, arbitrary: validValue(schema) },
    );
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => validValue(a, known, name)));
  switch (schema.type) {
    case 'string':
      if (schema.format === 'date-time')
        return fc.date({ noInvalidDate: true }).map((date) => date.toISOString());
      if (schema.pattern) return matching(schema.pattern);
      return fc.string({
        minLength: schema.minLength ?? 0,
        maxLength: Math.min(schema.maxLength ?? 40, 40),
      });
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({ noNaN: true, min: schema.minimum, max: schema.maximum });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(validValue(schema.items ?? {}, known), {
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      });
    case 'object':
      return objectValue(schema, known);
    default:
      return fc.jsonValue({ maxDepth: 3 });
  }
}

/** Keys of a map-like object (a template's roles): names that exist, and names that do not. */
const mapKey = fc.constantFrom('host', 'guest', 'viewer', 'constructor');

function objectValue(schema: JsonSchema, known: Known): fc.Arbitrary<unknown> {
  const properties = Object.entries(schema.properties ?? {});
  const model = Object.fromEntries(
    properties.map(([key, child]) => [key, validValue(child, known, key)]),
  );
  const record = fc.record(model, { requiredKeys: schema.required ?? [] });
  const entries =
    typeof schema.additionalProperties === 'object'
      ? fc.dictionary(mapKey, validValue(schema.additionalProperties, known), { maxKeys: 3 })
      : fc.constant({});
  return fc.tuple(record, entries).map(([fields, more]) => ({ ...more, ...fields }));
}

/**
 * Every place a field may be in a body of `schema`, as key paths: its properties, an entry of
 * its maps, the first item of its arrays, and keys it does not have (`__proto__` among them).
 */
function fieldPaths(schema: JsonSchema, path: string[] = []): string[][] {
  if (path.length > 8) return [];
  const paths = [path];
  for (const [key, child] of Object.entries(schema.properties ?? {}))
    paths.push(...fieldPaths(child, [...path, key]));
  if (typeof schema.additionalProperties === 'object')
    paths.push(...fieldPaths(schema.additionalProperties, [...path, 'host']));
  if (schema.type === 'object')
    for (const key of ['extra', '__proto__', 'constructor']) paths.push([...path, key]);
  if (schema.items) paths.push(...fieldPaths(schema.items, [...path, '0']));
  for (const alternative of schema.anyOf ?? schema.oneOf ?? [])
    paths.push(...fieldPaths(alternative, path).slice(1));
  return paths;
}

/** A copy of a generated value, which fast-check may hand out again while it shrinks. */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) withOwn(result, key, copy(child));
  return result;
}

/** `root` with `value` at `path`, making the objects and arrays on the way. */
function setAt(root: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const top = root !== null && typeof root === 'object' ? copy(root) : {};
  let at = top as Record<string, unknown>;
  path.forEach((key, index) => {
    if (index === path.length - 1) {
      withOwn(at, key, value);
      return;
    }
    let next = Object.hasOwn(at, key) ? at[key] : undefined;
    if (next === null || typeof next !== 'object') {
      next = path[index + 1] === '0' ? [] : {};
      withOwn(at, key, next);
    }
    at = next as Record<string, unknown>;
  });
  return top;
}

/**
 * Bodies for `schema`: mostly of the right shape with one field, anywhere in it, set to a hostile
 * value (a wrong type, null, a huge or unicode string, deep nesting, a prototype key); some
 * entirely right; a few entirely wrong.
 */
export function bodyValue(schema: JsonSchema, known: Known): fc.Arbitrary<unknown> {
  const paths = fieldPaths(schema);
  const mutated = fc
    .tuple(validValue(schema, known), fc.constantFrom(...paths), hostileValue)
    .map(([value, path, hostile]) => setAt(value, path, hostile));
  return fc.oneof(
    { weight: 2, arbitrary: validValue(schema, known) },
    { weight: 6, arbitrary: mutated },
    { weight: 1, arbitrary: hostileValue },
  );
}

/** %-sequences that do not decode, or decode to something a path should not hold. */
export const rawPercent = fc.constantFrom(
  '%ff',
  '%c3%28',
  '%e2%82',
  '%',
  '%zz',
  '%00',
  '%2e%2e',
  '%2f',
  '..%2f..%2f',
  '%252e',
  '%u0041',
);

/**
 * encodeURIComponent, but a lone surrogate (which it refuses) goes out as the three bytes UTF-8
 * would give it were it a code point: a %-escape that does not decode, as a careless client sends.
 */
export function percentEncode(value: string): string {
  return value.replace(/[\s\S]/gu, (char) => {
    const unit = char.charCodeAt(0);
    if (char.length > 1 || unit < 0xd800 || unit > 0xdfff) return encodeURIComponent(char);
    return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
      .map((byte) => `%${byte.toString(16).toUpperCase()}`)
      .join('');
  });
}

/**
 * A path or query value as it goes on the wire: encoded, unless it is raw %-junk or one of the
 * `known` values (ids, names, asset paths), which go as they are.
 */
export function wireValue(schema: JsonSchema, known: string[]): fc.Arbitrary<string> {
  // Mostly ids that exist, or every request would end at "not found".
  const encoded = fc
    .oneof(
      { weight: 2, arbitrary: validValue(schema).map(String) },
      { weight: 2, arbitrary: hostileString },
      { weight: 1, arbitrary: fc.string({ minLength: 95, maxLength: 130 }) },
    )
    .map(percentEncode);
  const choices: fc.WeightedArbitrary<string>[] = [
    { weight: 4, arbitrary: encoded },
    { weight: 1, arbitrary: rawPercent },
  ];
  if (known.length > 0) choices.push({ weight: 6, arbitrary: fc.constantFrom(...known) });
  return fc.oneof(...choices);
}

// Raw frames for fuzzing the signaling socket: text that is not JSON, binary frames, JSON that is
// not a request, odd ids and methods, frames at the 64 KiB limit; and the one place frame text is
// built, expanding the size markers of signaling-arbitraries.ts.
import fc from 'fast-check';
import { MAX_MESSAGE_BYTES } from '../../src/protocol/signaling.ts';
import {
  METHODS,
  PROTOTYPE_KEYS,
  hostileString,
  hostileValue,
  type RequestCommand,
} from './signaling-arbitraries.ts';

/** Anything else a client could put on the socket. */
export type RawCommand =
  | { kind: 'text'; text: string }
  | { kind: 'binary'; bytes: Uint8Array }
  | { kind: 'message'; message: unknown }
  | { kind: 'sized'; bytes: number; method: 'ping' | 'setName' | 'join' | 'nope'; wide: boolean };
export type Command = RequestCommand | RawCommand;

const oddId = fc.oneof(
  fc.constantFrom(null, '1', '', 1.5, -0.5, 2 ** 53, -(2 ** 60), 1e308, true, [], {}, [1]),
  hostileString,
  fc.double(),
  fc.integer({ min: -(2 ** 31), max: -1 }),
);

const oddMethod = fc.oneof(
  fc.constantFrom(null, 0, -1, true, {}, [], ['join'], { toString: 'join' }, '$deep:object:10000'),
  fc.integer({ min: 1, max: 25_000 }).map((depth) => `$deep:array:${depth}`),
  fc.constantFrom(...PROTOTYPE_KEYS, 'JOIN', ' join', 'join\u0000', 'ping ', '$huge:60000'),
  hostileString,
  fc.jsonValue({ maxDepth: 3 }),
);

const notJson = fc.oneof(
  fc.constantFrom(
    '{nope',
    '{"id":1,',
    '',
    ' ',
    '\u0000',
    'undefined',
    'NaN',
    "{'id':1}",
    '{"id":1,"method":"ping","data":{}}garbage',
    '\ufeff{"id":1,"method":"ping","data":{}}',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

export const rawFrame: fc.Arbitrary<RawCommand> = fc.oneof(
  notJson.map((text) => ({ kind: 'text' as const, text })),
  fc.jsonValue({ maxDepth: 3 }).map((message) => ({ kind: 'message' as const, message })),
  fc
    .oneof(fc.constant('{"id":1,"method":"ping","data":{}}'), fc.string({ maxLength: 40 }))
    .map((text) => ({ kind: 'binary' as const, bytes: new Uint8Array(Buffer.from(text)) })),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ kind: 'binary' as const, bytes })),
  fc
    .record({ id: oddId, method: fc.constantFrom(...METHODS), data: fc.constant({}) })
    .map((message) => ({ kind: 'message' as const, message })),
  fc
    .record(
      { id: fc.integer({ min: 0, max: 2 ** 31 }), method: oddMethod, data: hostileValue },
      { requiredKeys: ['id', 'method'] },
    )
    .map((message) => ({ kind: 'message' as const, message })),
  fc.tuple(fc.constantFrom(...PROTOTYPE_KEYS, 'pad'), hostileValue).map(([key, value]) => ({
    kind: 'message' as const,
    message: { id: 7, method: 'ping', data: {}, [key]: value },
  })),
  fc
    .record({
      bytes: fc.integer({ min: MAX_MESSAGE_BYTES - 2, max: MAX_MESSAGE_BYTES + 2 }),
      method: fc.constantFrom(
        'ping' as const,
        'setName' as const,
        'join' as const,
        'nope' as const,
      ),
      wide: fc.boolean(),
    })
    .map((sized) => ({ kind: 'sized' as const, ...sized })),
);

// --- frame text ---

const MARKER = /"\$(deep:array|deep:object|huge):(\d+)"/g;

/** JSON text of `message`, with the size markers expanded (without recursing: no stack limit). */
export function serializeFrame(message: unknown): string {
  return JSON.stringify(message).replace(MARKER, (_match, kind: string, count: string) => {
    const n = Number(count);
    if (kind === 'huge') return `"${'x'.repeat(n)}"`;
    if (kind === 'deep:array') return '['.repeat(n) + ']'.repeat(n);
    return '{"a":'.repeat(n) + '{}' + '}'.repeat(n);
  });
}

/** A frame of exactly `bytes` bytes (UTF-8), padded with ASCII or with two-byte characters. */
export function sizedFrame(
  id: number,
  { bytes, method, wide }: Extract<RawCommand, { kind: 'sized' }>,
): string {
  const build = (pad: string) =>
    method === 'setName' || method === 'join'
      ? JSON.stringify({ id, method, data: { [method === 'join' ? 'token' : 'name']: pad } })
      : JSON.stringify({ id, method, data: {}, pad });
  const room = bytes - Buffer.byteLength(build(''));
  const wideChars = wide ? Math.floor(room / 2) : 0;
  return build('é'.repeat(wideChars) + 'x'.repeat(room - wideChars * 2));
}

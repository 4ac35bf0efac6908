// Identifiers in 100ms's style: 24 hex characters, ordered by creation so that cursor pagination
// can walk them with a plain comparison.
import { randomBytes, randomInt } from 'node:crypto';

let counter = randomInt(0, 0xffff);

export function newId(): string {
  counter = (counter + 1) & 0xffff;
  const time = Date.now().toString(16).padStart(12, '0');
  return time + counter.toString(16).padStart(4, '0') + randomBytes(4).toString('hex');
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** A room code as 100ms prints them, e.g. `xvm-wxwo-gzy`: 10 random letters, about 47 bits. */
export function newRoomCode(): string {
  const pick = (n: number) => Array.from({ length: n }, () => LETTERS[randomInt(0, 26)]).join('');
  return `${pick(3)}-${pick(4)}-${pick(3)}`;
}

export function nowIso(): string {
  return new Date().toISOString();
}

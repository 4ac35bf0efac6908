// Identifiers in 100ms's style: 24 hex characters, ordered by creation so that cursor pagination
// can walk them with a plain comparison.
import { randomBytes, randomInt } from 'node:crypto';

let lastTime = 0;
let counter = 0;

export function newId(): string {
  // The counter restarts each millisecond instead of wrapping: a wrap inside one millisecond
  // would sort a newer id before an older one. A clock that steps back keeps the last time.
  const now = Date.now();
  if (now > lastTime) {
    lastTime = now;
    counter = 0;
  } else if (++counter > 0xffff) {
    lastTime += 1;
    counter = 0;
  }
  const time = lastTime.toString(16).padStart(12, '0');
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

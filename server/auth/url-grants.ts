// Grants carried in a URL: a resource and an expiry, signed with a key of the server's, so a
// link (an HLS playback URL, a recording's download) opens while valid and refuses once expired
// or altered. `expiresAt` is in seconds since the epoch.
import { createHmac, timingSafeEqual } from 'node:crypto';

export class UrlGrants {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    this.#key = key;
  }

  #signature(resource: string, expiresAt: number): string {
    return createHmac('sha256', this.#key).update(`${resource}\n${expiresAt}`).digest('base64url');
  }

  /** `expires.signature`, to be put in a path segment or a query. */
  grant(resource: string, expiresAt: number): string {
    const expires = Math.floor(expiresAt);
    return `${expires}.${this.#signature(resource, expires)}`;
  }

  /** Whether `grant` is this server's for `resource` and has not expired. */
  allows(resource: string, grant: string, now = Date.now() / 1000): boolean {
    const [expires, signature, ...rest] = grant.split('.');
    if (rest.length > 0 || !expires || !signature || !/^\d{1,12}$/.test(expires)) return false;
    const expiresAt = Number(expires);
    if (expiresAt < now) return false;
    const expected = Buffer.from(this.#signature(resource, expiresAt));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

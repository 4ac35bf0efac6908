// Signed links: an HMAC over a resource (a recording asset's id, `hls:` and a live stream's id)
// and an expiry, with a key kept in the data folder (owner-only) so links stay valid across
// restarts. A recording's download and an HLS playback URL open while valid, never once expired
// or altered.
import fs from 'node:fs';
import path from 'node:path';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ensurePrivateFolder, PRIVATE_FILE_MODE } from '../storage/private-files.ts';

const KEY_FILE = 'url-signing.key';

export class UrlSigner {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    this.#key = key;
  }

  static load(dataDir: string): UrlSigner {
    const file = path.join(dataDir, KEY_FILE);
    if (!fs.existsSync(file)) {
      ensurePrivateFolder(dataDir);
      fs.writeFileSync(file, randomBytes(32).toString('base64url'), {
        mode: PRIVATE_FILE_MODE,
        flag: 'wx',
      });
    }
    return new UrlSigner(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64url'));
  }

  sign(resource: string, expiresEpochSeconds: number): string {
    return createHmac('sha256', this.#key)
      .update(`${resource}:${expiresEpochSeconds}`)
      .digest('base64url');
  }

  /** 'valid', or why not: a link past its time, or one whose id, time or signature changed. */
  check(
    resource: string,
    expires: number,
    signature: string,
    now = Date.now(),
  ): 'valid' | 'expired' | 'altered' {
    const expected = Buffer.from(this.sign(resource, expires));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'altered';
    return expires * 1000 < now ? 'expired' : 'valid';
  }
}

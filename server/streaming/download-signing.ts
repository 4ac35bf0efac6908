// Signed download links for recording assets: an HMAC over the asset id and expiry, with a key
// kept in the data folder (owner-only) so links stay valid across restarts.
import fs from 'node:fs';
import path from 'node:path';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ensurePrivateFolder, PRIVATE_FILE_MODE } from '../storage/private-files.ts';

const KEY_FILE = 'download-signing.key';

export class DownloadSigner {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    this.#key = key;
  }

  static load(dataDir: string): DownloadSigner {
    const file = path.join(dataDir, KEY_FILE);
    if (!fs.existsSync(file)) {
      ensurePrivateFolder(dataDir);
      fs.writeFileSync(file, randomBytes(32).toString('base64url'), {
        mode: PRIVATE_FILE_MODE,
        flag: 'wx',
      });
    }
    return new DownloadSigner(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64url'));
  }

  sign(assetId: string, expiresEpochSeconds: number): string {
    return createHmac('sha256', this.#key)
      .update(`${assetId}:${expiresEpochSeconds}`)
      .digest('base64url');
  }

  /** 'valid', or why not: a link past its time, or one whose id, time or signature changed. */
  check(
    assetId: string,
    expires: number,
    signature: string,
    now = Date.now(),
  ): 'valid' | 'expired' | 'altered' {
    const expected = Buffer.from(this.sign(assetId, expires));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'altered';
    return expires * 1000 < now ? 'expired' : 'valid';
  }

  /** The download path with its query, relative to the server's public origin. */
  link(assetId: string, expires: number): string {
    return `/v2/recording-assets/${assetId}/download?expires=${expires}&signature=${this.sign(assetId, expires)}`;
  }
}

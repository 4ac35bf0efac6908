// Where the script-tag bundle lives and what it is called: vite.sdk.config.ts writes it there,
// server/api/sdk.ts serves it, so the two agree on the names.
export const SDK_DIR = 'dist/sdk';

/** The npm package the bundle is made from; its version names the versioned file. */
export const SDK_PACKAGE_MANIFEST = 'packages/convene/package.json';

/** The versioned file name, the one that is cached for a year: `convene-0.1.0.js`. */
export const sdkFileName = (version: string) => `convene-${version}.js`;

/** dist/sdk/integrity.json, published at /sdk/integrity.json. */
export interface SdkIntegrity {
  version: string;
  /** The versioned file, relative to /sdk/. */
  file: string;
  /** `sha384-<base64>`, for a script tag's `integrity` attribute. */
  integrity: string;
}

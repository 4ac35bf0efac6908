// Debian's Chromium as Convene runs it headless, as root, on a machine whose network is closed:
// the recorder's browser (recorder-browser.ts) and every browser test start from these flags.
// Plain JavaScript, so that web-test-runner's config, which Node loads without a TypeScript
// loader, can import it as the server and the end-to-end tests do.

/** Debian's Chromium, unless CONVENE_CHROMIUM names another. */
export const CHROMIUM_PATH = process.env.CONVENE_CHROMIUM || '/usr/bin/chromium';

/** As root Chromium runs only unsandboxed; the rest keep it from calling home. */
export const HEADLESS_CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A page nobody looks at keeps its timers and media at full rate. */
export const FULL_RATE_FLAGS = [
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

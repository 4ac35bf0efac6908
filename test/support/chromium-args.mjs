// How Debian's Chromium runs in every browser test here (element tests and end-to-end tests):
// the server's headless flags (server/streaming/chromium-flags.mjs), and fake camera and
// microphone devices.
import { CHROMIUM_PATH, HEADLESS_CHROMIUM_FLAGS } from '../../server/streaming/chromium-flags.mjs';

export { CHROMIUM_PATH };

export const CHROMIUM_ARGS = [
  ...HEADLESS_CHROMIUM_FLAGS,
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];

// Debian's Chromium driven by playwright-core, with fake camera and microphone, and helpers that
// read what a person's browser receives (inbound-rtp stats of every RTCPeerConnection).
import { chromium, type Browser, type Page } from 'playwright-core';
import { FULL_RATE_FLAGS } from '../../../server/streaming/chromium-flags.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../support/chromium-args.mjs';

// Each test page is a person in the call: hidden ones keep running at full rate.
const E2E_ARGS = [...CHROMIUM_ARGS, ...FULL_RATE_FLAGS];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: E2E_ARGS });
}

/**
 * Records every RTCPeerConnection and WebSocket a page creates, so tests can read stats as the
 * browser sees them and cut a socket as a network would.
 */
const RECORD_CONNECTIONS = `
  (() => {
    const NativePc = window.RTCPeerConnection;
    window.__conveneConnections = [];
    window.RTCPeerConnection = class extends NativePc {
      constructor(...args) { super(...args); window.__conveneConnections.push(this); }
    };
    const NativeWs = window.WebSocket;
    window.__conveneSockets = [];
    window.WebSocket = class extends NativeWs {
      constructor(...args) { super(...args); window.__conveneSockets.push(this); }
    };
  })();
`;

/** Drops the page's open signaling sockets, as a network failure would. */
export async function dropSockets(page: Page): Promise<number> {
  return page.evaluate(() => {
    const sockets = (window as unknown as { __conveneSockets: WebSocket[] }).__conveneSockets;
    const open = sockets.filter((socket) => socket.readyState === WebSocket.OPEN);
    for (const socket of open) socket.close(4999, 'test: network lost');
    return open.length;
  });
}

/** How many signaling sockets the page has opened so far (more than one: it reconnected). */
export async function socketsOpened(page: Page): Promise<number> {
  return page.evaluate(
    () => (window as unknown as { __conveneSockets: WebSocket[] }).__conveneSockets.length,
  );
}

export interface InboundStream {
  kind: 'audio' | 'video';
  trackIdentifier: string;
  framesDecoded: number;
  bytesReceived: number;
  packetsReceived: number;
  frameWidth: number;
}

export async function openMeeting(
  browser: Browser,
  url: string,
  options: { viewport?: { width: number; height: number } } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 720 },
  });
  const page = await context.newPage();
  await page.addInitScript(RECORD_CONNECTIONS);
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await page.goto(url);
  return page;
}

/** inbound-rtp of every connection of the page, whose track is still live. */
export async function inboundStreams(page: Page): Promise<InboundStream[]> {
  return page.evaluate(async () => {
    const connections = (window as unknown as { __conveneConnections: RTCPeerConnection[] })
      .__conveneConnections;
    const streams: InboundStream[] = [];
    for (const pc of connections) {
      if (pc.connectionState === 'closed') continue;
      const live = new Set(
        pc
          .getReceivers()
          .filter((r) => r.track.readyState === 'live')
          .map((r) => r.track.id),
      );
      const report = await pc.getStats();
      report.forEach((stat) => {
        if (stat.type !== 'inbound-rtp' || !live.has(stat.trackIdentifier)) return;
        // mediasoup-client's bandwidth probe: a receiver of its own, nobody's media.
        if (stat.trackIdentifier === 'probator') return;
        streams.push({
          kind: stat.kind,
          trackIdentifier: stat.trackIdentifier,
          framesDecoded: stat.framesDecoded ?? 0,
          bytesReceived: stat.bytesReceived ?? 0,
          packetsReceived: stat.packetsReceived ?? 0,
          frameWidth: stat.frameWidth ?? 0,
        });
      });
    }
    return streams;
  });
}

export interface StreamGrowth extends InboundStream {
  /** Frames decoded (video) or bytes received (audio) since the baseline. */
  grown: number;
}

/** How much each stream grew since `baseline` (streams new since then count from zero). */
export async function growthSince(page: Page, baseline: InboundStream[]): Promise<StreamGrowth[]> {
  const before = new Map(baseline.map((s) => [s.trackIdentifier, s]));
  return (await inboundStreams(page)).map((s) => {
    const old = before.get(s.trackIdentifier);
    const grown =
      s.kind === 'video'
        ? s.framesDecoded - (old?.framesDecoded ?? 0)
        : s.bytesReceived - (old?.bytesReceived ?? 0);
    return { ...s, grown };
  });
}

/** Waits until at least `count` remote videos and `audio` remote audio streams are flowing. */
export async function waitForFlowingMedia(
  page: Page,
  { video = 0, audio = 0, timeoutMs = 20_000 } = {},
) {
  const baseline = await inboundStreams(page);
  return eventually(
    () => growthSince(page, baseline),
    (streams) =>
      streams.filter((s) => s.kind === 'video' && s.grown >= 10).length >= video &&
      streams.filter((s) => s.kind === 'audio' && s.grown > 1000).length >= audio,
    { timeoutMs, what: `${video} videos and ${audio} audio streams flowing` },
  );
}

/** Polls until `check` passes (returns true), or fails with the last value seen. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  { timeoutMs = 20_000, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (check(last)) return last;
  }
  throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last)}`);
}

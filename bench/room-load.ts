// A full room on this machine: eight pages with the default roles (everyone publishes camera and
// microphone with three simulcast layers, and everyone receives everyone), the load the
// eight-peer e2e test no longer asks of the suite. Measures how long after the last page opens
// the first page hears all seven others, and counts the reconnects it took (there should be
// none). Everything runs on 127.0.0.1 and stops by itself.
import type { Page } from 'playwright-core';
import {
  eventually,
  inboundStreams,
  launchBrowser,
  openMeeting,
} from '../test/e2e/support/browser.ts';
import { startMeetingServer } from '../test/e2e/support/meeting-server.ts';

const PEERS = 8;
const DEADLINE_MS = 5 * 60_000;

const socketsOpened = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { __conveneSockets: WebSocket[] }).__conveneSockets.length,
  );

export async function runRoomLoadBench(): Promise<void> {
  const deadline = setTimeout(() => {
    console.error(`room-load: gave up after ${DEADLINE_MS / 1000} s`);
    process.exit(1);
  }, DEADLINE_MS);
  deadline.unref();
  const server = await startMeetingServer();
  const browser = await launchBrowser();
  const pages: Page[] = [];
  try {
    const room = await server.createRoom('room-load');
    pages.push(await openMeeting(browser, server.meetingLink(room.codes.host!, 'Host')));
    for (let i = 1; i < PEERS; i++) {
      pages.push(await openMeeting(browser, server.meetingLink(room.codes.guest!, `Guest ${i}`)));
    }
    const opened = Date.now();
    const [first] = pages;
    await eventually(
      () => inboundStreams(first!),
      (streams) =>
        streams.filter((s) => s.kind === 'audio' && s.bytesReceived > 1000).length >= PEERS - 1,
      { timeoutMs: 3 * 60_000, what: `audio from all ${PEERS - 1} others` },
    );
    const seconds = (Date.now() - opened) / 1000;
    let reconnects = 0;
    for (const page of pages) reconnects += (await socketsOpened(page)) - 1;
    console.log(`${PEERS} pages, default roles; reconnects: ${reconnects}`);
    console.log(
      `room-load: ${seconds.toFixed(1)} s until the first page hears all ${PEERS - 1} others`,
    );
  } finally {
    clearTimeout(deadline);
    for (const page of pages)
      await page
        .context()
        .close()
        .catch(() => undefined);
    await browser.close();
    await server.stop();
  }
}

// A full room on this machine: eight pages with the default roles (everyone publishes camera and
// microphone with three simulcast layers, and everyone receives everyone), the load the
// eight-peer e2e test no longer asks of the suite. Measures how long after the last page opens
// the first page hears all seven others (or, past three minutes, how many it hears), and counts
// the reconnects it took (there should be none). Everything runs on 127.0.0.1 and stops by
// itself.
import type { Page } from 'playwright-core';
import {
  inboundStreams,
  launchBrowser,
  openMeeting,
  socketsOpened,
} from '../test/e2e/support/browser.ts';
import { startMeetingServer } from '../test/e2e/support/meeting-server.ts';

const PEERS = 8;
const DEADLINE_MS = 5 * 60_000;
/** How long the first page may take to hear everyone before the bench reports how far it got. */
const HEAR_LIMIT_MS = 3 * 60_000;

/** Per remote peer on `page`: whether it publishes a microphone, and whether that is received. */
const peersSeen = (page: Page) =>
  page.evaluate(() => {
    const meeting = document.querySelector('convene-meeting');
    const room = meeting?.shadowRoot?.querySelector('convene-room') as
      (Element & { client?: { store: { state: { peers: Record<string, any> } } } }) | null;
    const peers = Object.values(room?.client?.store.state.peers ?? {}).filter((p) => !p.isLocal);
    return peers
      .map(
        (p) =>
          `${p.name}: mic ${p.tracks.microphone ? (p.tracks.microphone.track ? 'received' : 'published, not received') : 'not published'}`,
      )
      .join('; ');
  });

/** A page's own connection, last error and local tracks. */
const ownState = (page: Page) =>
  page.evaluate(() => {
    const meeting = document.querySelector('convene-meeting');
    const room = meeting?.shadowRoot?.querySelector('convene-room') as
      (Element & { client?: { store: { state: any } } }) | null;
    const state = room?.client?.store.state;
    if (!state) return 'no room client';
    const self = state.peers[state.localPeerId ?? ''];
    const tracks = Object.keys(self?.tracks ?? {}).join(',');
    return `${self?.name}: ${state.connection}, tracks [${tracks}], error ${JSON.stringify(state.error)}`;
  });

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
    const others = PEERS - 1;
    const heard = async () =>
      (await inboundStreams(first!)).filter((s) => s.kind === 'audio' && s.bytesReceived > 1000)
        .length;
    let count = 0;
    while (Date.now() - opened < HEAR_LIMIT_MS && count < others) count = await heard();
    const seconds = (Date.now() - opened) / 1000;
    let reconnects = 0;
    for (const page of pages) reconnects += (await socketsOpened(page)) - 1;
    console.log(`${PEERS} pages, default roles; reconnects: ${reconnects}`);
    if (count < others) {
      console.log(`what the first page has of each other peer: ${await peersSeen(first!)}`);
      for (const page of pages.slice(1))
        console.log(`  a guest's own state: ${await ownState(page)}`);
    }
    console.log(
      count === others
        ? `room-load: ${seconds.toFixed(1)} s until the first page hears all ${others} others`
        : `room-load: ${count} of ${others} others heard after ${Math.round(seconds)} s`,
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

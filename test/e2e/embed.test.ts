// The iframe embed against the real server: a site on http://localhost:<port> embeds a meeting
// served from http://127.0.0.1:<port> with createFrame, drives it (join, mute, chat, hand) and
// hears its events; a page on an origin the server did not allow is ignored and logged; /embed
// answers the CSP that lets only the allowed origins frame it, and fails an unknown room code
// as /meeting does.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Frame, Page } from 'playwright-core';
import { eventually, launchBrowser, openMeeting } from './support/browser.ts';
import { startMeetingServer, type MeetingServer } from './support/meeting-server.ts';
import { startEmbedHost, type EmbedHost } from './support/embed-host.ts';

/** Generous, for a 2-core machine that CI loads with other work. */
const PATIENCE = { timeoutMs: 30_000 };

interface RecordedEvent {
  name: string;
  payload: any;
}

let host: EmbedHost;
let server: MeetingServer;
let browser: Browser;

before(async () => {
  host = await startEmbedHost();
  server = await startMeetingServer({ CONVENE_EMBED_ORIGINS: `http://localhost:${host.port}` });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await host?.close();
});

/** Opens the host site (allowed, on localhost) embedding `embedUrl`, its console lines kept. */
async function openHost(
  embedUrl: string,
  query = '',
  site: 'localhost' | '127.0.0.1' = 'localhost',
) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  const logged: string[] = [];
  page.on('console', (message) => logged.push(message.text()));
  page.on('pageerror', (error) => logged.push(`[page error] ${error.message}`));
  await page.goto(host.pageUrl(site, embedUrl, query));
  return { page, logged };
}

const eventsOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { __events: RecordedEvent[] }).__events);

/** Waits for the first recorded event called `name` that `matches`. */
function eventCalled(page: Page, name: string, matches: (payload: any) => boolean = () => true) {
  return eventually(
    () => eventsOf(page),
    (events) => events.some((event) => event.name === name && matches(event.payload)),
    { ...PATIENCE, what: `a ${name} event` },
  ).then((events) => events.find((event) => event.name === name && matches(event.payload))!);
}

/** Runs a command on the host page's frame object; answers its result or `{ error }`. */
function command(page: Page, source: string): Promise<any> {
  return page.evaluate(async (body) => {
    const frame = (window as unknown as { __frame: unknown }).__frame;
    try {
      return { result: await new Function('frame', `return ${body};`)(frame) };
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string };
      return { error: { code, message } };
    }
  }, source);
}

function meetingFrame(page: Page): Frame {
  const frame = page.frames().find((candidate) => candidate.url().includes('/embed/'));
  assert.ok(frame, 'the meeting iframe is on the page');
  return frame;
}

/** What Bob's room client (on a plain /meeting page) holds. */
function bobSees(bob: Page) {
  return bob.evaluate(() => {
    const state = document.querySelector('convene-meeting')?.roomClient?.store.state;
    return {
      connected: state?.connection === 'connected',
      texts: state?.messages.map((message) => message.message) ?? [],
      microphones: Object.values(state?.peers ?? {})
        .filter((peer) => !peer.isLocal)
        .map((peer) => ({ name: peer.name, muted: peer.tracks.microphone?.muted })),
    };
  });
}

describe('the iframe embed', () => {
  test('a site on another origin joins, mutes, chats, raises a hand and hears the events', async () => {
    const room = await server.createRoom('embedded');
    const { page, logged } = await openHost(`${server.url}/embed/${room.codes.host}?name=Ada`);
    const bob = await openMeeting(browser, server.meetingLink(room.codes.guest!, 'Bob'));
    try {
      assert.deepEqual(await command(page, 'frame.join()'), { result: undefined });
      const joined = await eventCalled(page, 'joined');
      assert.match(joined.payload.peerId, /\S/);
      const bobJoined = await eventCalled(page, 'peer-joined', (peer) => peer.name === 'Bob');
      assert.equal(bobJoined.payload.role, 'guest');

      // Bob receives Ada's microphone first, so what follows is the mute and not his join.
      await eventually(
        () => bobSees(bob),
        (seen) => seen.microphones.some((peer) => peer.name === 'Ada' && peer.muted === false),
        { ...PATIENCE, what: "Ada's microphone on Bob's page" },
      );
      assert.deepEqual(await command(page, 'frame.setMicrophone(false)'), { result: undefined });
      const adaMicrophone = await meetingFrame(page).evaluate(() => {
        const state = document.querySelector('convene-meeting')?.roomClient?.store.state;
        const me = state?.localPeerId ? state.peers[state.localPeerId] : undefined;
        return { connection: state?.connection, muted: me?.tracks.microphone?.muted };
      });
      assert.deepEqual(adaMicrophone, { connection: 'connected', muted: true });
      await eventually(
        () => bobSees(bob),
        (seen) => seen.microphones.some((peer) => peer.name === 'Ada' && peer.muted === true),
        { ...PATIENCE, what: "Ada's microphone muted on Bob's page" },
      );

      const sent = await command(page, "frame.sendMessage('hello from the site')");
      assert.equal(sent.result.message, 'hello from the site');
      assert.equal(sent.result.sender.name, 'Ada');
      await eventually(
        () => bobSees(bob),
        (seen) => seen.texts.includes('hello from the site'),
        { ...PATIENCE, what: "the site's message in Bob's chat" },
      );

      await bob.evaluate(() =>
        document.querySelector('convene-meeting')!.roomClient!.sendMessage('hi Ada'),
      );
      const message = await eventCalled(page, 'message', (m) => m.message === 'hi Ada');
      assert.equal(message.payload.sender.name, 'Bob');

      await command(page, 'frame.raiseHand()');
      const hand = await eventCalled(page, 'hand-raised', (h) => h.peer.name === 'Ada');
      assert.equal(hand.payload.raised, true);

      // Commands the meeting cannot do answer an error, never nothing.
      const french = await command(page, "frame.setLanguage('fr')");
      assert.equal(french.error.code, 'unsupported_language');
      const unknown = await command(page, "frame.command('teleport', {})");
      assert.equal(unknown.error.code, 'unknown_command');
      assert.equal((await command(page, "frame.setLanguage('de')")).result, undefined);
      assert.equal(await meetingFrame(page).locator('convene-meeting').getAttribute('lang'), 'de');

      // A page on an origin the server did not allow posts at the meeting's frame.
      await page.evaluate((url) => {
        const intruder = document.createElement('iframe');
        intruder.src = url;
        document.body.append(intruder);
      }, host.intruderUrl('127.0.0.1'));
      await eventually(
        async () => {
          // Yields to I/O, where the console lines come in: a bare microtask loop never would.
          await new Promise((resolve) => setImmediate(resolve));
          return logged.filter((line) => line.includes(`from http://127.0.0.1:${host.port}`));
        },
        (lines) => lines.length >= 2,
        { ...PATIENCE, what: 'the frame to log both messages from the intruder' },
      );
      assert.match(
        logged.find((line) => line.includes('127.0.0.1'))!,
        /ignored a message from http:\/\/127\.0\.0\.1:\d+, which is not an allowed origin/,
      );
      // The site still drives the frame, and the intruder's line never reached the room.
      await command(page, "frame.sendMessage('still mine')");
      await eventually(
        () => bobSees(bob),
        (seen) => seen.texts.includes('still mine'),
        PATIENCE,
      );
      assert.ok(!(await bobSees(bob)).texts.includes('intruder'));

      await bob.context().close();
      const bobLeft = await eventCalled(page, 'peer-left', (peer) => peer.name === 'Bob');
      assert.equal(bobLeft.payload.role, 'guest');

      await command(page, 'frame.leave()');
      const left = await eventCalled(page, 'left');
      assert.equal(left.payload.reason, 'left');
    } finally {
      await bob.context().close();
      await page.context().close();
    }
  });

  test('/embed lets only the allowed origins frame it, and tells the page which they are', async () => {
    const response = await fetch(`${server.url}/embed/any-code`);
    assert.equal(response.status, 200);
    assert.equal(
      response.headers.get('content-security-policy'),
      `frame-ancestors http://localhost:${host.port}`,
    );
    assert.match(
      await response.text(),
      new RegExp(`<meta name="convene-embed-origins" content="http://localhost:${host.port}"`),
    );
    const meeting = await fetch(`${server.url}/meeting/any-code`);
    assert.equal(meeting.headers.get('content-security-policy'), null);
    await meeting.body?.cancel();
  });

  test('a site the server did not allow cannot frame the meeting, and hears why', async () => {
    const room = await server.createRoom('not-allowed');
    const embedUrl = `${server.url}/embed/${room.codes.host}?name=Mallory`;
    const { page } = await openHost(embedUrl, '', '127.0.0.1');
    try {
      // The browser refuses the frame (frame-ancestors), so nothing answers the handshake.
      const error = await eventCalled(page, 'error');
      assert.equal(error.payload.code, 'handshake_timeout');
      assert.match(error.payload.message, /CONVENE_EMBED_ORIGINS/);
      const framed = page.frames().find((frame) => frame !== page.mainFrame())!;
      assert.equal(await framed.locator('convene-meeting').count(), 0);
    } finally {
      await page.context().close();
    }
  });

  test('an unknown room code fails in the frame as it does on /meeting, and the frame resizes', async () => {
    const { page } = await openHost(
      `${server.url}/embed/no-such-code?name=Ada`,
      '&autoResize=true',
    );
    const direct = await openMeeting(browser, server.meetingLink('no-such-code', 'Ada'));
    try {
      const joined = await command(page, 'frame.join()');
      const error = await eventCalled(page, 'error');
      assert.deepEqual(joined.error, { code: error.payload.code, message: error.payload.message });
      const heading = { name: 'Could not join the meeting' };
      await meetingFrame(page)
        .getByRole('heading', heading)
        .waitFor({ timeout: PATIENCE.timeoutMs });
      await direct.getByRole('heading', heading).waitFor({ timeout: PATIENCE.timeoutMs });
      const directError = await direct
        .locator('convene-meeting')
        .locator('.ended-detail')
        .textContent();
      assert.equal(directError, error.payload.message);

      // autoResize: the iframe takes the height of the frame's content.
      await eventually(
        async () => {
          const frameHeight = await meetingFrame(page).evaluate(
            () => document.documentElement.getBoundingClientRect().height,
          );
          const iframeHeight = await page.evaluate(
            () => document.querySelector('iframe')!.getBoundingClientRect().height,
          );
          return { frameHeight, iframeHeight };
        },
        ({ frameHeight, iframeHeight }) =>
          frameHeight > 0 && frameHeight !== 600 && Math.abs(iframeHeight - frameHeight) <= 1,
        { ...PATIENCE, what: 'the iframe to take its content height' },
      );
    } finally {
      await direct.context().close();
      await page.context().close();
    }
  });

  test('a createFrame on another protocol version gets a clear error, and no commands run', async () => {
    const room = await server.createRoom('other-version');
    const { page } = await openHost(
      `${server.url}/embed/${room.codes.host}?name=Ada`,
      '&version=99',
    );
    try {
      const error = await eventCalled(page, 'error');
      assert.equal(error.payload.code, 'protocol_mismatch');
      assert.match(error.payload.message, /version 1, this page's createFrame version 99/);
      const join = await command(page, 'frame.join()');
      assert.equal(join.error.code, 'protocol_mismatch');
    } finally {
      await page.context().close();
    }
  });
});

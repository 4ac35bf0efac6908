// Chat between real pages: a line Ada's room client sends is in Bob's store, once, unread; direct
// and role lines reach only the pages they are for; a page that joins later finds the history it
// may see and pages back to its first line; a server killed (-9) and restarted loses nothing it
// had acknowledged.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { RoomClient } from '../../src/client/room-client.ts';
import type { MessageRecipient } from '../../src/client/room-state.ts';
import { DEFAULT_HISTORY_PAGE } from '../../server/rooms/room-chat.ts';
import { eventually, openMeeting, socketsOpened } from './support/browser.ts';
import { useMeetingFixture, withAdaAndBob } from './support/meeting-server.ts';

// The late joiner needs more lines than one history page holds, sent by one page in a burst:
// the default fan-out burst (20, then 5 a second) would make that take seconds of refusals.
const fixture = useMeetingFixture({ CONVENE_SIGNALING_FANOUT_BURST: '200' });

/** Generous, for a 2-core machine that CI loads with other work. */
const PATIENCE = { timeoutMs: 30_000 };
/** Coming back from a server restart takes the client's backoff on top. */
const RECONNECT_PATIENCE = { timeoutMs: 45_000 };

interface HeldChat {
  messages: { id: string; text: string; from: string | undefined }[];
  unread: number;
  hasOlder: boolean;
}

/** What the page's room client holds of the chat, once it is connected. */
async function chatOf(page: Page): Promise<HeldChat | undefined> {
  return page.evaluate((): HeldChat | undefined => {
    const meeting = document.querySelector('convene-meeting');
    const room = meeting?.shadowRoot?.querySelector('convene-room') as unknown as
      { client?: RoomClient } | undefined;
    const state = room?.client?.store.state;
    if (state?.connection !== 'connected') return undefined;
    return {
      messages: state.messages.map((m) => ({
        id: m.id,
        text: m.message,
        from: m.sender?.name,
      })),
      unread: state.unreadMessages,
      hasOlder: state.hasOlderMessages,
    };
  });
}

/** The texts the page holds, in order; [] while it is not connected. */
async function textsOf(page: Page): Promise<string[]> {
  return ((await chatOf(page))?.messages ?? []).map((m) => m.text);
}

/** Runs `body` with the page's RoomClient (the one <convene-room> made when it joined). */
function withClient<A, T>(page: Page, body: (client: RoomClient, arg: A) => T, arg: A) {
  return page.locator('convene-room').evaluate(
    (room, [source, value]) => {
      const run = new Function('client', 'arg', `return (${source})(client, arg);`);
      return run((room as unknown as { client: RoomClient }).client, value) as T;
    },
    [body.toString(), arg] as const,
  );
}

/** The page's peer id, once it has joined. */
async function peerIdOf(page: Page): Promise<string> {
  return eventually(
    () => withClient(page, (client) => client.store.state.localPeerId ?? '', null),
    (id) => id !== '',
    { ...PATIENCE, what: 'a peer id' },
  );
}

/** A person in the room, as the chat routes to them. */
interface Person {
  name: string;
  role: string;
}

/** A line the server acknowledged, and whom it was for. */
interface Line {
  id: string;
  text: string;
  from: Person;
  to: 'room' | { role: string } | { person: Person };
}

/** Whether `person` may see `line`: the room's, their role's, their own, or sent to them. */
function mayRead(person: Person, line: Line): boolean {
  if (line.to === 'room' || line.from === person) return true;
  return 'role' in line.to ? line.to.role === person.role : line.to.person === person;
}

/**
 * The room's conversation as the test sent it, to compute what each page should hold. Lines are
 * sent one after another, so their order is the order the server stored them in.
 */
class Conversation {
  readonly lines: Line[] = [];

  constructor(private readonly pageOf: (person: Person) => Page) {}

  /** Sends `texts` in order from `from`'s page, each once the last is acknowledged. */
  async send(from: Person, texts: string[], to: Line['to'] = 'room'): Promise<void> {
    const recipient: MessageRecipient =
      to === 'room'
        ? 'room'
        : 'role' in to
          ? { roles: [to.role] }
          : { peerId: await peerIdOf(this.pageOf(to.person)) };
    const ids = await withClient(
      this.pageOf(from),
      async (client, { texts, recipient }) => {
        const ids: string[] = [];
        for (const text of texts) ids.push((await client.sendMessage(text, { to: recipient })).id);
        return ids;
      },
      { texts, recipient },
    );
    ids.forEach((id, i) => this.lines.push({ id, text: texts[i]!, from, to }));
  }

  /** The texts `person` may see, oldest first. */
  textsFor(person: Person): string[] {
    return this.lines.filter((line) => mayRead(person, line)).map((line) => line.text);
  }
}

describe('chat between pages', () => {
  test('a line one page sends appears in the other page’s store, once and unread', async () => {
    await withAdaAndBob(fixture, 'e2e-chat', async ({ ada, bob }) => {
      await eventually(() => chatOf(ada), Boolean, { what: 'Ada connected' });
      await eventually(() => chatOf(bob), Boolean, { what: 'Bob connected' });
      const sent = await ada.evaluate(async () => {
        const meeting = document.querySelector('convene-meeting');
        const room = meeting?.shadowRoot?.querySelector('convene-room') as any;
        const message = await room.client.sendMessage('hello <b>Bob</b>');
        return message.id as string;
      });
      const onBob = await eventually(
        () => chatOf(bob),
        (chat) => Boolean(chat?.messages.some((m) => m.id === sent)),
        { what: 'the line on Bob’s page' },
      );
      assert.deepEqual(onBob!.messages, [{ id: sent, text: 'hello <b>Bob</b>', from: 'Ada' }]);
      assert.equal(onBob!.unread, 1);
      const onAda = await chatOf(ada);
      assert.deepEqual(
        onAda!.messages.map((m) => m.id),
        [sent],
      );
      assert.equal(onAda!.unread, 0, 'our own line is not unread');
    });
  });
});

// One story in one room, told in steps that build on each other (the late joiner reads what the
// first step said; the restart must keep all of it). No page publishes media: chat needs none,
// and four pages with cameras would load a 2-core machine for nothing.
describe('a conversation in one room', () => {
  const ada: Person = { name: 'Ada', role: 'host' };
  const bob: Person = { name: 'Bob', role: 'guest' };
  const cyd: Person = { name: 'Cyd', role: 'hls-viewer' };
  const dee: Person = { name: 'Dee', role: 'guest' };
  const pages = new Map<Person, Page>();
  let codes: Record<string, string>;
  let roomId: string;

  const pageOf = (person: Person) => pages.get(person)!;
  const conversation = new Conversation(pageOf);

  async function join(person: Person): Promise<Page> {
    const link = fixture.server.meetingLink(
      codes[person.role]!,
      person.name,
      '&video=false&audio=false',
    );
    const page = await openMeeting(fixture.browser, link);
    pages.set(person, page);
    await eventually(() => chatOf(page), Boolean, { ...PATIENCE, what: `${person.name} joined` });
    return page;
  }

  /**
   * Checks that the page holds exactly what `person` may see, once it holds the newest of it: lines
   * arrive in order, live or in a page of history, so one missing or one too many fails at once.
   */
  async function holdsAll(person: Person, page = pageOf(person)): Promise<HeldChat> {
    const expected = conversation.textsFor(person);
    await eventually(
      () => textsOf(page),
      (texts) => texts.at(-1) === expected.at(-1),
      { ...PATIENCE, what: `${person.name}’s ${expected.length} lines` },
    );
    const held = (await chatOf(page))!;
    assert.deepEqual(
      held.messages.map((m) => m.text),
      expected,
      `${person.name} holds what they may see`,
    );
    return held;
  }

  before(async () => {
    const room = await fixture.server.createRoom('e2e-chat-conversation');
    codes = room.codes;
    roomId = room.id;
    await Promise.all([ada, bob, cyd].map(join));
  });

  after(async () => {
    for (const page of pages.values()) await page.context().close();
  });

  test('a direct line reaches only its two ends, a role line only that role and its sender', async () => {
    await conversation.send(ada, ['psst, Bob'], { person: bob });
    await conversation.send(ada, ['guests: mics on'], { role: 'guest' });
    await conversation.send(bob, ['viewers: we start soon'], { role: 'hls-viewer' });
    // Sent last, so a page that has it has heard of every line before it: the server delivers
    // in the order it stores.
    await conversation.send(ada, ['everyone: welcome']);

    const onAda = await holdsAll(ada);
    const onBob = await holdsAll(bob);
    const onCyd = await holdsAll(cyd);
    assert.deepEqual(
      onAda.messages.map((m) => m.text),
      ['psst, Bob', 'guests: mics on', 'everyone: welcome'],
    );
    assert.deepEqual(
      onBob.messages.map((m) => m.text),
      ['psst, Bob', 'guests: mics on', 'viewers: we start soon', 'everyone: welcome'],
    );
    assert.deepEqual(
      onCyd.messages.map((m) => m.text),
      ['viewers: we start soon', 'everyone: welcome'],
    );
    assert.deepEqual(
      [onAda.unread, onBob.unread, onCyd.unread],
      [0, 3, 2],
      'each counts the lines others sent it as unread',
    );
  });

  test('a page that joins later has the history it may see, and pages back to its first line', async () => {
    const many = Array.from({ length: DEFAULT_HISTORY_PAGE }, (_, i) => `line ${i + 1}`);
    await conversation.send(ada, many);
    const expected = conversation.textsFor(dee);
    assert.ok(expected.length > DEFAULT_HISTORY_PAGE, 'more than a page for Dee to read');

    const page = await join(dee);
    const first = await eventually(
      () => chatOf(page),
      (chat) => chat?.messages.length === DEFAULT_HISTORY_PAGE,
      { ...PATIENCE, what: 'Dee’s first page of history' },
    );
    assert.deepEqual(
      first!.messages.map((m) => m.text),
      expected.slice(-DEFAULT_HISTORY_PAGE),
      'the newest page of what Dee may see',
    );
    assert.equal(first!.hasOlder, true);
    assert.equal(first!.unread, 0, 'what was said before Dee came is not unread');

    // One line a page, so paging back takes more than one step.
    let pagesLoaded = 0;
    while ((await chatOf(page))!.hasOlder && pagesLoaded < expected.length) {
      await withClient(page, (client) => client.loadOlderMessages(1), null);
      pagesLoaded += 1;
    }
    assert.equal(pagesLoaded, expected.length - DEFAULT_HISTORY_PAGE);
    const all = await holdsAll(dee);
    assert.ok(!all.messages.some((m) => m.text === 'psst, Bob'), 'not Bob’s direct line');
    assert.ok(!all.messages.some((m) => m.text.startsWith('viewers:')), 'not the viewers’ line');
    assert.equal(all.messages[0]!.text, 'guests: mics on');
  });

  test('the server is killed right after acknowledging a line: pages come back and hold it', async () => {
    const everyone = [ada, bob, cyd, dee];
    const socketsBefore = await Promise.all(
      everyone.map((person) => socketsOpened(pageOf(person))),
    );
    const unreadBefore = (await chatOf(pageOf(bob)))!.unread;

    await conversation.send(ada, ['the last line before the kill']);
    await fixture.server.restart();

    await Promise.all(
      everyone.map((person, i) =>
        eventually(
          async () => ({
            sockets: await socketsOpened(pageOf(person)),
            connected: Boolean(await chatOf(pageOf(person))),
          }),
          ({ sockets, connected }) => sockets > socketsBefore[i]! && connected,
          { ...RECONNECT_PATIENCE, what: `${person.name} back on a new socket` },
        ),
      ),
    );
    const active = await fixture.server.api('GET', `/v2/active-rooms/${roomId}`);
    assert.equal(active.session.peers.length, everyone.length);

    for (const person of everyone) await holdsAll(person);
    const onBob = (await chatOf(pageOf(bob)))!;
    assert.equal(
      onBob.unread,
      unreadBefore + 1,
      'the line counts once, whether it came live or in the history after the restart',
    );

    // What the pages hold they may have held in memory only: a fresh page shows what the new
    // server process reads from storage. Dee never sent nor got a direct line, so her view
    // is the same as a new guest's.
    const deePage = pageOf(dee);
    await deePage.reload();
    const expected = conversation.textsFor(dee);
    const fresh = await eventually(
      () => chatOf(deePage),
      (chat) => chat?.messages.length === DEFAULT_HISTORY_PAGE,
      { ...PATIENCE, what: 'Dee’s first page of history after the restart' },
    );
    assert.deepEqual(
      fresh!.messages.map((m) => m.text),
      expected.slice(-DEFAULT_HISTORY_PAGE),
    );
    assert.equal(fresh!.messages.at(-1)!.text, 'the last line before the kill');
    await withClient(deePage, (client) => client.loadOlderMessages(), null);
    await holdsAll(dee);
  });
});

import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ChatMessage, Role, RoomState } from '../../src/client/room-state.ts';
import type { ConveneChat } from '../../src/elements/convene-chat/convene-chat.ts';
import '../../src/elements/convene-chat/define.ts';
import { clientWith, makePeer, type MockRoomClient } from './support/mock-room.ts';
import { NO_PERMISSIONS } from '../../src/protocol/role-defaults.ts';

const nextTask = () => new Promise((resolve) => setTimeout(resolve));
const animationFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

function role(name: string, permissions: Partial<typeof NO_PERMISSIONS> = {}): Role {
  return { name, permissions: { ...NO_PERMISSIONS, ...permissions } } as unknown as Role;
}

const GUEST = role('guest');
const HOST = role('host', { changeRole: true, endRoom: true });

let sequence = 0;
/** A message from `from` (a peer id, or null for the server), ids in the order made. */
function message(
  text: string,
  from: string | null = 'ada',
  extra: Partial<ChatMessage> = {},
): ChatMessage {
  sequence++;
  return {
    id: `m${String(sequence).padStart(6, '0')}`,
    sender:
      from === null
        ? null
        : {
            peerId: from,
            userId: `user-${from}`,
            name: nameOf(from),
            role: from === 'local' ? 'guest' : 'host',
          },
    type: 'chat',
    message: text,
    time: '2026-01-01T10:30:00.000Z',
    ...extra,
  };
}

function nameOf(peerId: string): string {
  return { ada: 'Ada', bob: 'Bob', local: 'Me' }[peerId] ?? peerId;
}

function chatClient(extra: Partial<RoomState> = {}): MockRoomClient {
  return clientWith(
    [
      makePeer('local', { name: 'Me', isLocal: true }),
      makePeer('ada', { name: 'Ada' }),
      makePeer('bob', { name: 'Bob' }),
    ],
    { role: GUEST, roles: { guest: GUEST, host: HOST }, ...extra },
  );
}

async function chatWith(client: MockRoomClient, lang?: string): Promise<ConveneChat> {
  const chat = await fixture<ConveneChat>(
    lang
      ? html`<div lang=${lang}>
          <convene-chat style="height: 300px" .client=${client}></convene-chat>
        </div>`
      : html`<convene-chat style="height: 300px" .client=${client}></convene-chat>`,
  );
  const element = chat.localName === 'convene-chat' ? chat : chat.querySelector('convene-chat')!;
  await element.updateComplete;
  return element as ConveneChat;
}

function parts(chat: ConveneChat, name: string): HTMLElement[] {
  return [...chat.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
}

function part(chat: ConveneChat, name: string): HTMLElement {
  const found = chat.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part ${name}`);
  return found;
}

function textarea(chat: ConveneChat): HTMLTextAreaElement {
  return part(chat, 'input') as HTMLTextAreaElement;
}

async function type(chat: ConveneChat, text: string): Promise<void> {
  textarea(chat).focus();
  await sendKeys({ type: text });
  await chat.updateComplete;
}

function sent(client: MockRoomClient) {
  return client.calls.filter((call) => call.method === 'sendMessage').map((call) => call.args);
}

function manyMessages(count: number, from = 'ada'): ChatMessage[] {
  return Array.from({ length: count }, (_, i) => message(`Message number ${i + 1}`, from));
}

describe('<convene-chat>', () => {
  it('renders, and is accessible with messages, a pinned message and the composer', async () => {
    const client = chatClient({
      role: HOST,
      messages: [message('Hello'), message('Hi all', 'bob')],
      sessionStore: new Map([
        [
          'pinnedMessage',
          {
            key: 'pinnedMessage',
            value: { id: 'x', text: 'Agenda', senderName: 'Ada', pinnedBy: 'Me' },
            updatedAt: 't',
            updatedBy: 'local',
          },
        ],
      ]),
    });
    const chat = await chatWith(client);
    expect(parts(chat, 'message')).to.have.length(2);
    expect(part(chat, 'messages').getAttribute('role')).to.equal('log');
    await expect(chat).to.be.accessible();
  });

  it('leaves no store subscription once removed', async () => {
    const client = chatClient({ messages: [message('Hello')] });
    const chat = await chatWith(client);
    expect(client.store.listenerCount).to.be.greaterThan(0);
    chat.remove();
    await nextTask();
    expect(client.store.listenerCount).to.equal(0);
  });

  it('survives immediate removal', async () => {
    const client = chatClient();
    const chat = document.createElement('convene-chat');
    chat.client = client;
    document.body.append(chat);
    chat.remove();
    await nextTask();
    expect(client.store.listenerCount).to.equal(0);
  });

  describe('messages', () => {
    it('shows markup in a message as text and creates no element from it', async () => {
      const evil = '<img src=x onerror=alert(1)>';
      const chat = await chatWith(chatClient({ messages: [message(evil)] }));
      const text = part(chat, 'text');
      // Exactly the text: it is shown pre-wrap, so any whitespace around it would show.
      expect(text.textContent).to.equal(evil);
      expect(chat.shadowRoot!.querySelector('img')).to.equal(null);
      expect(text.children).to.have.length(0);
    });

    it('links http and https URLs only, opening them safely in a new tab', async () => {
      const chat = await chatWith(
        chatClient({
          messages: [
            message('See https://example.com/a?b=1, or javascript:alert(1) or data:text/html,x'),
          ],
        }),
      );
      const links = parts(chat, 'link') as HTMLAnchorElement[];
      expect(links).to.have.length(1);
      expect(links[0]!.href).to.equal('https://example.com/a?b=1');
      expect(links[0]!.textContent).to.equal('https://example.com/a?b=1');
      expect(links[0]!.rel).to.equal('noopener noreferrer nofollow');
      expect(links[0]!.target).to.equal('_blank');
      expect(part(chat, 'text').textContent).to.contain('javascript:alert(1)');
    });

    it('leaves punctuation after a URL out of the link, and keeps a bracket the URL opened', async () => {
      const chat = await chatWith(
        chatClient({
          messages: [
            message('Read https://example.com/page. And (https://en.wikipedia.org/wiki/A_(b))!'),
          ],
        }),
      );
      const links = (parts(chat, 'link') as HTMLAnchorElement[]).map((a) => a.textContent);
      expect(links).to.deep.equal([
        'https://example.com/page',
        'https://en.wikipedia.org/wiki/A_(b)',
      ]);
    });

    it('shows a javascript: URL alone as plain text', async () => {
      const chat = await chatWith(chatClient({ messages: [message('javascript:alert(1)')] }));
      expect(chat.shadowRoot!.querySelector('a')).to.equal(null);
    });

    it('marks direct messages, role messages and the server’s announcements', async () => {
      const chat = await chatWith(
        chatClient({
          messages: [
            message('Psst', 'ada', { recipientPeer: 'local' }),
            message('Hosts only', 'bob', { recipientRoles: ['host'] }),
            message('Just you, Ada', 'local', { recipientPeer: 'ada' }),
            message('Recording starts', null),
          ],
        }),
      );
      const recipients = parts(chat, 'recipients').map((el) => el.textContent!.trim());
      expect(recipients).to.deep.equal(['to you', 'to host', 'to Ada']);
      const senders = parts(chat, 'sender').map((el) => el.textContent!.trim());
      expect(senders).to.deep.equal(['Ada', 'Bob', 'You', 'Announcement']);
      expect(part(chat, 'server').getAttribute('part')).to.contain('group');
      expect(parts(chat, 'role').map((el) => el.textContent)).to.deep.equal([
        'host',
        'host',
        'guest',
      ]);
    });

    it('groups consecutive messages from one sender under one header', async () => {
      const chat = await chatWith(
        chatClient({ messages: [message('One'), message('Two'), message('Three', 'bob')] }),
      );
      const groups = parts(chat, 'group');
      expect(groups).to.have.length(2);
      expect(groups[0]!.querySelectorAll('[part~="message"]')).to.have.length(2);
      expect(groups[0]!.querySelectorAll('[part~="sender"]')).to.have.length(1);
    });

    it('shows the time in the element’s language', async () => {
      const time = '2026-01-01T10:30:00.000Z';
      const chat = await chatWith(
        chatClient({ messages: [message('Hallo', 'ada', { time })] }),
        'de',
      );
      const expected = new Intl.DateTimeFormat('de', {
        dateStyle: 'medium',
        timeStyle: 'short',
      }).format(new Date(time));
      expect(part(chat, 'time').textContent).to.equal(expected);
      expect(part(chat, 'time').getAttribute('datetime')).to.equal(time);
    });
  });

  describe('sending', () => {
    it('sends with Enter, and Shift+Enter starts a new line', async () => {
      const client = chatClient();
      const chat = await chatWith(client);
      await type(chat, 'Line one');
      await sendKeys({ press: 'Shift+Enter' });
      await sendKeys({ type: 'line two' });
      expect(sent(client)).to.have.length(0);

      await sendKeys({ press: 'Enter' });
      await waitUntil(() => sent(client).length === 1);
      expect(sent(client)[0]).to.deep.equal(['Line one\nline two', { to: 'room' }]);
      await waitUntil(() => textarea(chat).value === '');
    });

    it('sends with the button to the chosen role or peer', async () => {
      const client = chatClient();
      const chat = await chatWith(client);
      const select = part(chat, 'recipient') as HTMLSelectElement;
      const options = [...select.options].map((option) => [option.value, option.textContent]);
      expect(options).to.deep.equal([
        ['room', 'Everyone'],
        ['role:guest', 'guest'],
        ['role:host', 'host'],
        ['peer:ada', 'Ada'],
        ['peer:bob', 'Bob'],
      ]);

      select.value = 'role:host';
      select.dispatchEvent(new Event('change'));
      await type(chat, 'For hosts');
      part(chat, 'send-button').click();
      await waitUntil(() => sent(client).length === 1);
      expect(sent(client)[0]).to.deep.equal(['For hosts', { to: { roles: ['host'] } }]);

      select.value = 'peer:bob';
      select.dispatchEvent(new Event('change'));
      await type(chat, 'For Bob');
      part(chat, 'send-button').click();
      await waitUntil(() => sent(client).length === 2);
      expect(sent(client)[1]).to.deep.equal(['For Bob', { to: { peerId: 'bob' } }]);
    });

    it('keeps the text in the box and shows the error when a send fails', async () => {
      const client = chatClient();
      client.failSend = { code: 'rate_limited', message: 'Too many messages: wait a moment.' };
      const chat = await chatWith(client);
      await type(chat, 'Hello?');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => parts(chat, 'error').length === 1);
      expect(part(chat, 'error').getAttribute('role')).to.equal('alert');
      expect(part(chat, 'error').textContent).to.contain('Too many messages: wait a moment.');
      expect(textarea(chat).value).to.equal('Hello?');
    });

    it('sends nothing for an empty box', async () => {
      const client = chatClient();
      const chat = await chatWith(client);
      await type(chat, '   ');
      await sendKeys({ press: 'Enter' });
      await nextTask();
      expect(sent(client)).to.have.length(0);
    });

    it('shows the byte count near the limit and refuses a message over it', async () => {
      const client = chatClient();
      const chat = await chatWith(client);
      chat.maxMessageBytes = 10;
      await type(chat, 'abcdefgh');
      expect(part(chat, 'limit').hidden).to.equal(false);
      expect(part(chat, 'limit').textContent).to.equal('8 of 10 bytes');
      await sendKeys({ type: 'äöü' });
      expect(part(chat, 'limit').textContent).to.equal('14 of 10 bytes');
      await sendKeys({ press: 'Enter' });
      await chat.updateComplete;
      expect(sent(client)).to.have.length(0);
      expect(part(chat, 'error').textContent).to.contain('too long');
    });
  });

  describe('scrolling', () => {
    it('loads earlier messages from the button', async () => {
      const client = chatClient({ messages: [message('Latest')], hasOlderMessages: true });
      const chat = await chatWith(client);
      part(chat, 'load-earlier').click();
      await waitUntil(() => client.calls.some((call) => call.method === 'loadOlderMessages'));
    });

    it('loads earlier messages when scrolled to the top, keeping the reading position', async () => {
      const client = chatClient({ messages: manyMessages(30), hasOlderMessages: true });
      const chat = await chatWith(client);
      const list = part(chat, 'messages');
      expect(list.scrollTop).to.be.greaterThan(0);

      list.scrollTop = 0;
      await waitUntil(() => client.calls.some((call) => call.method === 'loadOlderMessages'));
      const first = list.querySelector<HTMLElement>('[part~="message"]')!;
      const top = first.getBoundingClientRect().top;
      const older = manyMessages(10, 'bob').map((m, i) => ({ ...m, id: `a${i}` }));
      client.store.update((state) => ({ ...state, messages: [...older, ...state.messages] }));
      await chat.updateComplete;
      expect(list.scrollTop).to.be.greaterThan(0);
      expect(Math.abs(first.getBoundingClientRect().top - top)).to.be.below(2);
    });

    it('follows new messages at the bottom, else offers a jump to them', async () => {
      const client = chatClient({ messages: manyMessages(30) });
      const chat = await chatWith(client);
      const list = part(chat, 'messages');
      const atBottom = () => list.scrollHeight - list.scrollTop - list.clientHeight < 2;
      expect(atBottom()).to.equal(true);

      client.store.update((state) => ({ ...state, messages: [...state.messages, message('New')] }));
      await chat.updateComplete;
      expect(atBottom()).to.equal(true);
      expect(parts(chat, 'jump-button')).to.have.length(0);

      list.scrollTop = 0;
      await waitUntil(() => !atBottom());
      // The scroll event that tells the chat comes with the next frame.
      await animationFrame();
      await nextTask();
      client.store.update((state) => ({
        ...state,
        messages: [...state.messages, message('Newer')],
      }));
      await chat.updateComplete;
      expect(atBottom()).to.equal(false);
      part(chat, 'jump-button').click();
      await chat.updateComplete;
      expect(atBottom()).to.equal(true);
      expect(parts(chat, 'jump-button')).to.have.length(0);
    });

    it('marks messages read when visible at the bottom, not while hidden', async () => {
      const client = chatClient({ messages: [message('Hello')], unreadMessages: 1 });
      const chat = await chatWith(client);
      await waitUntil(() => client.calls.some((call) => call.method === 'markMessagesRead'));
      expect(client.store.state.unreadMessages).to.equal(0);

      chat.hidden = true;
      // The intersection observer reports in a task after the next frames' rendering.
      for (let frame = 0; frame < 3; frame++) await animationFrame();
      await nextTask();
      client.calls.length = 0;
      client.store.update((state) => ({
        ...state,
        messages: [...state.messages, message('While hidden')],
        unreadMessages: 1,
      }));
      await nextTask();
      expect(client.calls.filter((call) => call.method === 'markMessagesRead')).to.have.length(0);

      chat.hidden = false;
      await waitUntil(() => client.store.state.unreadMessages === 0);
    });
  });

  describe('pinned message', () => {
    it('observes the pinned message and shows it as text', async () => {
      const client = chatClient({
        sessionStore: new Map([
          [
            'pinnedMessage',
            {
              key: 'pinnedMessage',
              value: { id: 'm1', text: '<b>Agenda</b>', senderName: 'Ada', pinnedBy: 'Bob' },
              updatedAt: 't',
              updatedBy: 'bob',
            },
          ],
        ]),
      });
      const chat = await chatWith(client);
      expect(client.calls).to.deep.include({
        method: 'sessionStore.observe',
        args: ['pinnedMessage'],
      });
      expect(part(chat, 'pinned-text').textContent!.trim()).to.equal('<b>Agenda</b>');
      expect(part(chat, 'pinned-label').textContent).to.contain('Ada');
      expect(parts(chat, 'unpin-button')).to.have.length(0);
      expect(parts(chat, 'pin-button')).to.have.length(0);
    });

    it('lets a host pin a message and unpin it', async () => {
      const hello = message('Hello');
      const client = chatClient({ role: HOST, messages: [hello] });
      const chat = await chatWith(client);
      const pin = part(chat, 'pin-button');
      expect(pin.getAttribute('aria-pressed')).to.equal('false');
      expect(pin.textContent!.trim()).to.equal('Pin message');
      pin.click();
      await waitUntil(() => client.calls.some((call) => call.method === 'sessionStore.set'));
      const value = { id: hello.id, text: 'Hello', senderName: 'Ada', pinnedBy: 'Me' };
      expect(client.calls.find((call) => call.method === 'sessionStore.set')!.args).to.deep.equal([
        'pinnedMessage',
        value,
      ]);

      client.store.update((state) => ({
        ...state,
        sessionStore: new Map([
          ['pinnedMessage', { key: 'pinnedMessage', value, updatedAt: 't', updatedBy: 'local' }],
        ]),
      }));
      await chat.updateComplete;
      expect(part(chat, 'pin-button').getAttribute('aria-pressed')).to.equal('true');
      client.calls.length = 0;
      part(chat, 'unpin-button').click();
      await waitUntil(() => client.calls.some((call) => call.method === 'sessionStore.set'));
      expect(client.calls.find((call) => call.method === 'sessionStore.set')!.args).to.deep.equal([
        'pinnedMessage',
        null,
      ]);
    });
  });

  it('speaks German with lang="de"', async () => {
    const client = chatClient({
      messages: [message('Hallo', 'ada', { recipientPeer: 'local' })],
      hasOlderMessages: true,
    });
    const chat = await chatWith(client, 'de');
    expect(part(chat, 'recipients').textContent!.trim()).to.equal('an dich');
    expect(part(chat, 'load-earlier').textContent!.trim()).to.equal('Frühere Nachrichten laden');
    expect(part(chat, 'send-button').textContent!.trim()).to.equal('Senden');
    expect(chat.shadowRoot!.querySelector('label[for="message"]')!.textContent).to.equal(
      'Nachricht',
    );
    expect((part(chat, 'recipient') as HTMLSelectElement).options[0]!.textContent).to.equal('Alle');
  });
});

// <convene-chat> inside <convene-room> on a simulated room: empty, a conversation (long text,
// links, an announcement), a pinned message, direct and role messages, unread messages below
// the fold, history to load, and a guest's view; with the page's theme, language and direction.
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { ChatMessage } from '../src/client/room-state.ts';
import type { SimulatedRoom } from '../src/client/simulated-room.ts';
import {
  PINNED_MESSAGE_KEY,
  pinnedMessageOf,
} from '../src/elements/convene-chat/pinned-message.ts';
import { afterFrames, storyRoom } from './support/simulated.ts';

interface ChatArgs {
  /** My role: hosts pin messages; guests see the pin only. */
  localRole: 'host' | 'guest';
  /** The panel's box, in CSS pixels. */
  width: number;
  height: number;
}

type Script = (room: SimulatedRoom, others: string[]) => void | Promise<void>;

function renderChat(
  { localRole, width, height }: ChatArgs,
  script?: Script,
  olderMessages?: ChatMessage[],
) {
  const room = storyRoom({
    peers: 4,
    localRole,
    video: false,
    ...(script ? { script } : {}),
    ...(olderMessages ? { olderMessages } : {}),
  });
  return html`<convene-room manual .client=${room}>
    <div style="width: ${width}px; height: ${height}px; max-width: 100%; display: grid">
      <convene-chat></convene-chat>
    </div>
  </convene-room>`;
}

const LONG =
  'Here is the plan for Thursday: we start with the quarterly numbers, then each team has ten ' +
  'minutes for what shipped and what slipped, and we close with questions. The deck is at ' +
  'https://example.com/decks/q3-review and the notes from last time are at ' +
  'https://example.com/notes/2026-09-14 if you want to read ahead.';

/** A conversation: peers, me, an announcement from the server, a long message with links. */
function conversation(room: SimulatedRoom, [ada, grace, alan]: string[]): ChatMessage {
  room.say(null, 'Recording started.');
  room.say(ada!, 'Morning all!');
  room.say(ada!, 'Give me a minute to find the deck.');
  const long = room.say(grace!, LONG);
  void room.sendMessage('Thanks Grace, reading it now.');
  room.say(alan!, 'Can we keep questions to the end? https://example.com/faq has the rest.');
  room.markMessagesRead();
  return long;
}

const meta = {
  title: 'Elements/convene-chat',
  component: 'convene-chat',
  args: { localRole: 'host', width: 360, height: 560 },
  argTypes: {
    localRole: { control: 'inline-radio', options: ['host', 'guest'] },
    width: { control: { type: 'range', min: 280, max: 800, step: 10 } },
    height: { control: { type: 'range', min: 240, max: 1000, step: 10 } },
  },
  render: (args) => renderChat(args, (room, others) => void conversation(room, others)),
} satisfies Meta<ChatArgs>;

export default meta;
type Story = StoryObj<ChatArgs>;

export const Empty: Story = { render: (args) => renderChat(args) };

/** Long text wraps, URLs are links (new tab), consecutive messages group under one name. */
export const Conversation: Story = {};

/** A host pinned Grace's message: it stays on top for everyone, with Unpin for hosts. */
export const PinnedMessage: Story = {
  render: (args) =>
    renderChat(args, async (room, others) => {
      const long = conversation(room, others);
      await room.sessionStore.set(PINNED_MESSAGE_KEY, pinnedMessageOf(long, 'You'));
    }),
};

/** A guest sees the pinned message, without pin buttons. */
export const PinnedAsGuest: Story = { ...PinnedMessage, args: { localRole: 'guest' } };

/** Messages to me, from me to one peer, and to the hosts: each says whom it was for. */
export const DirectMessages: Story = {
  render: (args) =>
    renderChat(args, async (room, [ada, grace]) => {
      room.say(ada!, 'Psst, are you presenting next?', { peerId: 'you' });
      await room.sendMessage('Yes, after Grace.', { to: { peerId: ada! } });
      room.say(grace!, 'Hosts: the recording is on.', { roles: ['host'] });
      room.say(ada!, 'Everyone: five minute break.');
      room.markMessagesRead();
    }),
};

/** Scrolled up while messages kept coming: "New messages" jumps to them. */
export const Unread: Story = {
  args: { height: 400 },
  render: (args) =>
    renderChat(args, async (room, [ada, grace]) => {
      for (let i = 1; i <= 12; i++) room.say(i % 2 ? ada! : grace!, `Point ${i} of the agenda.`);
      await afterFrames();
      const chats = document.querySelectorAll('convene-chat');
      const list = chats[chats.length - 1]?.shadowRoot?.querySelector('[part~="messages"]');
      list?.scrollTo({ top: 0 });
      await afterFrames();
      room.say(ada!, 'One more thing before we go on.');
      room.say(grace!, 'And the budget.');
    }),
};

/** History from before I joined: scrolling to the top, or the button, loads it. */
export const EarlierMessages: Story = {
  render: (args) =>
    renderChat(
      args,
      (room, others) => void conversation(room, others),
      Array.from({ length: 20 }, (_, i) => ({
        id: `older-${String(i).padStart(3, '0')}`,
        sender: { peerId: 'gone', userId: 'user-gone', name: 'Linus', role: 'guest' },
        type: 'chat',
        message: `An earlier message, number ${i + 1}.`,
        time: new Date(Date.now() - (20 - i) * 60_000).toISOString(),
      })),
    ),
};

/** A phone's chat sheet (390 x 844). */
export const Phone: Story = { args: { width: 390, height: 844 } };

export const Dark: Story = { globals: { theme: 'dark' } };

export const Spanish: Story = { globals: { lang: 'es' } };

export const RightToLeft: Story = { globals: { dir: 'rtl' } };

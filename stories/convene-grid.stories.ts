// <convene-grid> inside <convene-room> on a simulated room: from an empty room to fifty peers on
// pages, the spotlight and a pinned peer, with the moments of a call (speaking, muted, a hand, a
// drop, a peer's drop, a shared screen) and the page's theme, language and direction.
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { SimulatedRoom } from '../src/client/simulated-room.ts';
import { shareScreen, storyRoom } from './support/simulated.ts';

interface GridArgs {
  /** Remote peers in the room besides me. */
  peers: number;
  /** The grid's layout attribute. */
  layout: 'grid' | 'spotlight';
  /** Pin the second remote peer to the stage. */
  pinSecond: boolean;
  /** Join the room (false leaves the grid empty). */
  join: boolean;
  /** The grid's box, in CSS pixels. */
  width: number;
  height: number;
}

type Script = (room: SimulatedRoom, others: string[]) => void;

function renderGrid({ peers, width, height, layout, pinSecond, join }: GridArgs, script?: Script) {
  const room = storyRoom({ peers, join, ...(script ? { script } : {}) });
  // join() has filled the store by now: me first, then the others in join order.
  const pinned = pinSecond ? (room.store.state.peerOrder[2] ?? null) : null;
  return html`<convene-room manual .client=${room}>
    <div style="width: ${width}px; height: ${height}px; max-width: 100%">
      <convene-grid layout=${layout} .pinned=${pinned}></convene-grid>
    </div>
  </convene-room>`;
}

const meta = {
  title: 'Elements/convene-grid',
  component: 'convene-grid',
  args: { peers: 4, width: 800, height: 450, layout: 'grid', pinSecond: false, join: true },
  argTypes: {
    layout: { control: { type: 'inline-radio' }, options: ['grid', 'spotlight'] },
    peers: { control: { type: 'range', min: 0, max: 60, step: 1 } },
    width: { control: { type: 'range', min: 240, max: 1600, step: 10 } },
    height: { control: { type: 'range', min: 180, max: 1000, step: 10 } },
  },
  render: (args) => renderGrid(args),
} satisfies Meta<GridArgs>;

export default meta;
type Story = StoryObj<GridArgs>;

/** Before anyone is in: the grid has no tiles. */
export const Empty: Story = { args: { peers: 0, join: false } };

export const OnlyMe: Story = { args: { peers: 0 } };

export const OnePeer: Story = { args: { peers: 1 } };

export const FourPeers: Story = {};

export const NinePeers: Story = { args: { peers: 9 } };

/** Fifty peers at 160px a tile: the grid pages, with Previous/Next and the page keys. */
export const FiftyPeersPaged: Story = { args: { peers: 50 } };

export const SomeoneSpeaking: Story = {
  render: (args) => renderGrid(args, (room, [, second]) => room.speak(second!)),
};

export const MutedPeer: Story = {
  render: (args) => renderGrid(args, (room, [first]) => room.setMuted(first!, 'microphone', true)),
};

export const RaisedHand: Story = {
  render: (args) => renderGrid(args, (room, [, , third]) => room.setHand(third!, true)),
};

/** The active speaker on the stage, the others in the filmstrip. */
export const Spotlight: Story = {
  args: { layout: 'spotlight', peers: 6 },
  render: (args) => renderGrid(args, (room, [, , third]) => room.speak(third!)),
};

/** The second peer is pinned: it takes the stage while someone else speaks. */
export const Pinned: Story = {
  args: { pinSecond: true, peers: 6 },
  render: (args) => renderGrid(args, (room, [first]) => room.speak(first!)),
};

/** A pinned peer while a screen is shared: the screen keeps the stage, the pin leads the strip. */
export const PinnedWithSharedScreen: Story = {
  args: { pinSecond: true },
  render: (args) => renderGrid(args, (room, [first]) => shareScreen(room, first!)),
};

/** One peer's own connection dropped: its last frame stays under "Reconnecting…". */
export const PeerReconnecting: Story = {
  render: (args) => renderGrid(args, (room, [first]) => room.setPeerReconnecting(first!, true)),
};

/** My connection dropped: remote pictures freeze until it is restored. */
export const Reconnecting: Story = {
  render: (args) => renderGrid(args, (room) => room.dropConnection()),
};

/** A remote screen fills the stage; cameras move to the filmstrip. */
export const SharedScreen: Story = {
  render: (args) => renderGrid(args, (room, [first]) => shareScreen(room, first!)),
};

/** A phone's screen in portrait (390 x 844). */
export const Phone: Story = { args: { width: 390, height: 844 } };

/** A small phone (360 x 640) with nine peers: paged, a swipe turns the page. */
export const SmallPhone: Story = { args: { width: 360, height: 640, peers: 9 } };

export const RaisedHandsInSpotlight: Story = {
  args: { layout: 'spotlight' },
  render: (args) =>
    renderGrid(args, (room, [first, second]) => {
      room.setHand(first!, true);
      room.setHand(second!, true);
    }),
};

export const Dark: Story = { globals: { theme: 'dark' } };

export const Spanish: Story = { globals: { lang: 'es' } };

export const RightToLeft: Story = { globals: { dir: 'rtl' } };

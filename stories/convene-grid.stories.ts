// <convene-grid> inside <convene-room> on a simulated room: from me alone to fifty peers on
// pages, with the moments of a call (speaking, muted, a hand, a drop, a shared screen) and the
// page's theme, language and direction.
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { SimulatedRoom } from '../src/client/simulated-room.ts';
import { shareScreen, storyRoom } from './support/simulated.ts';

interface GridArgs {
  /** Remote peers in the room besides me. */
  peers: number;
  /** The grid's box, in CSS pixels. */
  width: number;
  height: number;
}

type Script = (room: SimulatedRoom, others: string[]) => void;

function renderGrid({ peers, width, height }: GridArgs, script?: Script) {
  const room = storyRoom({ peers, ...(script ? { script } : {}) });
  return html`<convene-room manual .client=${room}>
    <div style="width: ${width}px; height: ${height}px; max-width: 100%">
      <convene-grid></convene-grid>
    </div>
  </convene-room>`;
}

const meta = {
  title: 'Elements/convene-grid',
  component: 'convene-grid',
  args: { peers: 4, width: 800, height: 450 },
  argTypes: {
    peers: { control: { type: 'range', min: 0, max: 60, step: 1 } },
    width: { control: { type: 'range', min: 240, max: 1600, step: 10 } },
    height: { control: { type: 'range', min: 180, max: 1000, step: 10 } },
  },
  render: (args) => renderGrid(args),
} satisfies Meta<GridArgs>;

export default meta;
type Story = StoryObj<GridArgs>;

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

export const Dark: Story = { globals: { theme: 'dark' } };

export const Spanish: Story = { globals: { lang: 'es' } };

export const RightToLeft: Story = { globals: { dir: 'rtl' } };

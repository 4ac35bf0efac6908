// <convene-toasts> inside <convene-room> on a simulated room, told what happens once they are
// listening: peers joining and leaving (one, and a burst), a hand raised, asked to unmute,
// offered a role, my role changed, the connection lost and back; with the page's theme,
// language and direction. Toasts stay a minute here (the `duration` arg) so they can be read.
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { SimulatedRoom } from '../src/client/simulated-room.ts';
import { afterFrames, animationsFinished, storyRoom } from './support/simulated.ts';

interface ToastsArgs {
  /** How long a passing toast stays, in ms. */
  duration: number;
  /** Most toasts shown at once. */
  max: number;
  placement: 'top-end' | 'bottom-center';
}

type Script = (room: SimulatedRoom, others: string[]) => void | Promise<void>;

function renderToasts({ duration, max, placement }: ToastsArgs, script: Script) {
  const room = storyRoom({
    peers: 3,
    video: false,
    // The toasts tell only what happens after they started listening.
    script: async (room, others) => {
      await afterFrames();
      await script(room, others);
      // Read (and checked) once they have slid in.
      await afterFrames();
      await animationsFinished();
    },
  });
  return html`<convene-room manual .client=${room}>
    <div style="min-height: 480px">
      <convene-toasts .duration=${duration} .max=${max} placement=${placement}></convene-toasts>
    </div>
  </convene-room>`;
}

const meta = {
  title: 'Elements/convene-toasts',
  component: 'convene-toasts',
  args: { duration: 60_000, max: 4, placement: 'top-end' },
  argTypes: {
    duration: { control: { type: 'number', min: 1000, step: 1000 } },
    max: { control: { type: 'range', min: 1, max: 8, step: 1 } },
    placement: { control: 'inline-radio', options: ['top-end', 'bottom-center'] },
  },
  render: (args) =>
    renderToasts(args, (room, [ada]) => {
      room.addPeer({ name: 'Hedy Lamarr' });
      room.removePeer(ada!);
    }),
} satisfies Meta<ToastsArgs>;

export default meta;
type Story = StoryObj<ToastsArgs>;

/** One joins, one leaves. */
export const JoinAndLeave: Story = {};

/** Many join at once: one toast, "… and 4 others joined". */
export const JoinBurst: Story = {
  render: (args) => renderToasts(args, (room) => void room.addPeers(5)),
};

export const HandRaised: Story = {
  render: (args) => renderToasts(args, (room, [, grace]) => room.setHand(grace!, true)),
};

/** A host asks me to unmute: Accept or Decline, until answered or expired. */
export const UnmuteRequest: Story = {
  render: (args) =>
    renderToasts(args, (room, [ada]) => void room.ask(ada!, { source: 'microphone' })),
};

/** A host offers me a role. */
export const RoleOffer: Story = {
  render: (args) => renderToasts(args, (room, [ada]) => void room.ask(ada!, { role: 'guest' })),
};

export const RoleChanged: Story = {
  render: (args) => renderToasts(args, (room) => room.setRole('you', 'guest')),
};

/** My connection dropped: shown until it is back. */
export const Reconnecting: Story = {
  render: (args) => renderToasts(args, (room) => room.dropConnection()),
};

export const Reconnected: Story = {
  render: (args) =>
    renderToasts(args, async (room) => {
      room.dropConnection();
      await afterFrames();
      room.restoreConnection();
    }),
};

/** More than `max`: the oldest passing toast goes first; the request stays. */
export const Crowded: Story = {
  render: (args) =>
    renderToasts(args, async (room, [ada, grace, alan]) => {
      room.ask(ada!, { source: 'camera' });
      room.setHand(grace!, true);
      await afterFrames(1);
      room.setHand(alan!, true);
      await afterFrames(1);
      room.addPeer({ name: 'Tim Berners-Lee' });
      await afterFrames(1);
      room.removePeer(alan!);
    }),
};

export const AtTheBottom: Story = { args: { placement: 'bottom-center' } };

export const Dark: Story = {
  globals: { theme: 'dark' },
  render: (args) =>
    renderToasts(args, (room, [ada]) => void room.ask(ada!, { source: 'microphone' })),
};

export const Spanish: Story = {
  globals: { lang: 'es' },
  render: (args) =>
    renderToasts(args, (room, [ada, grace]) => {
      room.ask(ada!, { role: 'guest' });
      room.setHand(grace!, true);
    }),
};

export const RightToLeft: Story = {
  globals: { dir: 'rtl' },
  render: (args) =>
    renderToasts(args, (room, [ada, grace]) => {
      room.ask(ada!, { source: 'microphone' });
      room.setHand(grace!, true);
    }),
};

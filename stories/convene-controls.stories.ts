// <convene-controls>, the call's control bar, inside <convene-room> on a simulated room: a host
// (End room shown) and a guest, microphone and camera off, a raised hand, a shared screen,
// unread chat, an open panel, and a phone's width; with the page's theme, language and direction.
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { SimulatedRoom } from '../src/client/simulated-room.ts';
import { storyRoom } from './support/simulated.ts';

interface ControlsArgs {
  /** My role: a host may end the room; a guest may not. */
  localRole: 'host' | 'guest';
  /** The panel the page shows, for the Chat and Participants buttons' aria-expanded. */
  openPanel: 'chat' | 'participants' | null;
  /** The bar's width, in CSS pixels. */
  width: number;
}

type Script = (room: SimulatedRoom, others: string[]) => void | Promise<void>;

function renderControls({ localRole, openPanel, width }: ControlsArgs, script?: Script) {
  const room = storyRoom({ peers: 3, localRole, ...(script ? { script } : {}) });
  return html`<convene-room manual .client=${room}>
    <div style="width: ${width}px; max-width: 100%">
      <convene-controls .openPanel=${openPanel}></convene-controls>
    </div>
  </convene-room>`;
}

const meta = {
  title: 'Elements/convene-controls',
  component: 'convene-controls',
  args: { localRole: 'host', openPanel: null, width: 960 },
  argTypes: {
    localRole: { control: 'inline-radio', options: ['host', 'guest'] },
    openPanel: { control: 'inline-radio', options: [null, 'chat', 'participants'] },
    width: { control: { type: 'range', min: 320, max: 1600, step: 10 } },
  },
  render: (args) => renderControls(args),
} satisfies Meta<ControlsArgs>;

export default meta;
type Story = StoryObj<ControlsArgs>;

/** A host: every toggle, and End room (confirmed in a dialog). */
export const Host: Story = {};

/** A guest: no End room; what the role may not do is not shown. */
export const Guest: Story = { args: { localRole: 'guest' } };

export const Muted: Story = {
  render: (args) =>
    renderControls(args, async (room) => {
      await room.setMicrophoneEnabled(false);
      await room.setCameraEnabled(false);
    }),
};

export const HandRaised: Story = {
  render: (args) => renderControls(args, (room) => room.raiseHand()),
};

export const SharingScreen: Story = {
  render: (args) => renderControls(args, (room) => room.startScreenShare()),
};

/** Three messages I have not read: a badge on Chat. */
export const UnreadChat: Story = {
  render: (args) =>
    renderControls(args, (room, [ada, grace]) => {
      room.say(ada!, 'Can everyone see my screen?');
      room.say(grace!, 'Yes, all good.');
      room.say(ada!, 'Great, starting now.');
    }),
};

export const ChatOpen: Story = { args: { openPanel: 'chat' } };

/** A phone's width: labels hide, every control keeps its name. */
export const Phone: Story = { args: { width: 390 } };

export const Dark: Story = { globals: { theme: 'dark' } };

export const Spanish: Story = { globals: { lang: 'es' } };

export const RightToLeft: Story = { globals: { dir: 'rtl' } };

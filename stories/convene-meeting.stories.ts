// <convene-meeting>, the prebuilt, on a simulated room: the preview (on the story's own fake
// devices), the call with 4, 9 and 50 peers, a hand and a speaker, the chat and participants
// panels open, a dropped connection, a phone (390 x 844), and the screens after the call
// (removed with the host's reason, the room ended); with the page's theme, language and
// direction. The meeting's `theme` follows the toolbar's.
import { html } from 'lit';
import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import type { SimulatedRoom } from '../src/client/simulated-room.ts';
import type { StoryRootGlobals } from './support/story-root.ts';
import { withMediaDevices } from './support/media-devices.ts';
import { afterFrames, storyRoom, storyScript } from './support/simulated.ts';

interface MeetingArgs {
  /** Remote peers in the room besides me. */
  peers: number;
  /** Start in the call (true) or on the preview. */
  skipPreview: boolean;
  /** My role. */
  localRole: 'host' | 'guest';
  /** The meeting's box, in CSS pixels. */
  width: number;
  height: number;
}

type Script = (room: SimulatedRoom, meeting: () => HTMLElement | undefined) => Promise<void>;

/** The meeting on the page (the last, should Storybook's docs show several). */
function lastMeeting(): HTMLElement | undefined {
  const meetings = document.querySelectorAll('convene-meeting');
  return meetings[meetings.length - 1];
}

/** Resolves once the meeting has joined the room (it joins when the call starts). */
function joined(room: SimulatedRoom): Promise<void> {
  if (room.store.state.connection === 'connected') return Promise.resolve();
  return new Promise((resolve) => room.addEventListener('joined', () => resolve(), { once: true }));
}

/** Presses one of the control bar's buttons (`chat`, `participants`), waits for its panel. */
async function openPanel(meeting: HTMLElement | undefined, panel: 'chat' | 'participants') {
  await afterFrames();
  const controls = meeting?.shadowRoot?.querySelector('convene-controls');
  controls?.shadowRoot?.querySelector<HTMLElement>(`[part~="${panel}"]`)?.click();
  const tag = panel === 'chat' ? 'convene-chat' : 'convene-participant-list';
  // The panel's element is loaded when first opened.
  for (let frame = 0; frame < 120 && !meeting?.shadowRoot?.querySelector(tag); frame++) {
    await afterFrames(1);
  }
}

function renderMeeting(
  { peers, skipPreview, localRole, width, height }: MeetingArgs,
  context: { globals: StoryContext['globals'] },
  script?: Script,
) {
  const { theme = 'light' } = context.globals as StoryRootGlobals;
  const room = storyRoom({ join: false, peers, localRole });
  // The meeting joins the room itself: what happens next waits for that.
  if (script) storyScript(() => joined(room).then(() => script(room, lastMeeting)));
  return html`<div style="width: ${width}px; height: ${height}px; max-width: 100%">
    <convene-meeting
      room-code="story-room"
      name="You"
      theme=${theme}
      ?skip-preview=${skipPreview}
      .client=${room}
    ></convene-meeting>
  </div>`;
}

const meta = {
  title: 'Elements/convene-meeting',
  component: 'convene-meeting',
  args: { peers: 4, skipPreview: true, localRole: 'host', width: 1024, height: 640 },
  argTypes: {
    peers: { control: { type: 'range', min: 0, max: 60, step: 1 } },
    skipPreview: { control: 'boolean' },
    localRole: { control: 'inline-radio', options: ['host', 'guest'] },
    width: { control: { type: 'range', min: 360, max: 1600, step: 10 } },
    height: { control: { type: 'range', min: 480, max: 1000, step: 10 } },
  },
  render: (args, context) => renderMeeting(args, context),
  decorators: [withMediaDevices({})],
} satisfies Meta<MeetingArgs>;

export default meta;
type Story = StoryObj<MeetingArgs>;

/** Before the call: the preview, on fake devices; Join starts the call. */
export const Preview: Story = { args: { skipPreview: false } };

export const InCallFourPeers: Story = {};

export const InCallNinePeers: Story = { args: { peers: 9 } };

/** Fifty peers: the grid pages. */
export const InCallFiftyPeers: Story = { args: { peers: 50 } };

/** Someone speaks, one is muted, a hand is up. */
export const MomentsOfACall: Story = {
  render: (args, context) =>
    renderMeeting(args, context, async (room) => {
      const [ada, grace, alan] = room.store.state.peerOrder.filter((id) => id !== 'you');
      room.speak(ada!);
      room.setMuted(grace!, 'microphone', true);
      room.setHand(alan!, true);
    }),
};

export const ChatOpen: Story = {
  render: (args, context) =>
    renderMeeting(args, context, async (room, meeting) => {
      const [ada] = room.store.state.peerOrder.filter((id) => id !== 'you');
      room.say(ada!, 'Welcome! The agenda is at https://example.com/agenda');
      await openPanel(meeting(), 'chat');
    }),
};

export const ParticipantsOpen: Story = {
  args: { peers: 9 },
  render: (args, context) =>
    renderMeeting(args, context, (_room, meeting) => openPanel(meeting(), 'participants')),
};

/** A guest: no End room, no actions on others. */
export const AsGuest: Story = { args: { localRole: 'guest' } };

/** My connection dropped: the call says so until it is back. */
export const Reconnecting: Story = {
  render: (args, context) => renderMeeting(args, context, async (room) => room.dropConnection()),
};

/** A phone in portrait: the panel is a sheet over the call. */
export const Phone: Story = { args: { width: 390, height: 844 } };

export const PhoneChatOpen: Story = {
  args: { width: 390, height: 844 },
  render: ChatOpen.render!,
};

export const Dark: Story = { globals: { theme: 'dark' } };

export const Spanish: Story = { globals: { lang: 'es' } };

export const RightToLeft: Story = { globals: { dir: 'rtl' } };

/** A host removed me, with a reason; Rejoin goes back to the preview. */
export const RemovedWithReason: Story = {
  render: (args, context) =>
    renderMeeting(args, context, async (room) =>
      room.removeMe('peer removed', 'The host ended your part in this call.'),
    ),
};

export const RoomEnded: Story = {
  render: (args, context) =>
    renderMeeting(args, context, async (room) =>
      room.removeMe('room ended', 'Thanks for coming. The room has ended.'),
    ),
};

// <convene-stream-view>, what a peer whose role only watches (the default template's hls-viewer)
// sees of the room, inside <convene-room> on a simulated room: waiting for the stream, the
// stream live in <convene-hls-player>, the stream ended, and failed; with the page's theme,
// language and direction. For a role that takes part it shows nothing.
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../src/elements/convene-stream-view/define.ts';
import type { SimulatedRoom } from '../src/client/simulated-room.ts';
import type { ConveneHlsPlayer } from '../src/elements/convene-hls-player/convene-hls-player.ts';
import { storyRoom } from './support/simulated.ts';
import { EMPTY_LIVE_STREAM, UNREACHABLE_STREAM, playerShows } from './support/hls-streams.ts';

interface StreamViewArgs {
  /** The view's box, in CSS pixels. */
  width: number;
  height: number;
}

type Script = (room: SimulatedRoom, view: () => HTMLElement | undefined) => Promise<void>;

function renderView({ width, height }: StreamViewArgs, script?: Script) {
  let view: HTMLElement | undefined;
  const room = storyRoom({
    localRole: 'hls-viewer',
    peers: 2,
    video: false,
    ...(script ? { script: (room: SimulatedRoom) => script(room, () => view) } : {}),
  });
  return html`<convene-room manual .client=${room}>
    <convene-stream-view
      ${ref((element) => (view = element as HTMLElement | undefined))}
      style="width: ${width}px; height: ${height}px; max-width: 100%"
    ></convene-stream-view>
  </convene-room>`;
}

/** The stream runs: the server announces it with its playlist's URL. */
function goLive(room: SimulatedRoom, url: string): void {
  room.setStreaming('hls', { status: 'running', startedAt: new Date().toISOString(), url });
}

/** The player `view` shows, once it does (the view loads the player's code first). */
function playerIn(view: HTMLElement | undefined): () => ConveneHlsPlayer | undefined {
  return () => view?.shadowRoot?.querySelector('convene-hls-player') ?? undefined;
}

const meta = {
  title: 'Elements/convene-stream-view',
  component: 'convene-stream-view',
  args: { width: 960, height: 540 },
  argTypes: {
    width: { control: { type: 'range', min: 320, max: 1600, step: 10 } },
    height: { control: { type: 'range', min: 180, max: 1000, step: 10 } },
  },
  render: (args) => renderView(args),
} satisfies Meta<StreamViewArgs>;

export default meta;
type Story = StoryObj<StreamViewArgs>;

/** I joined before the stream started: what to expect, until it goes live. */
export const Waiting: Story = {};

/**
 * The stream is live: the view hands its URL to `<convene-hls-player>`. Storybook has no
 * stream, so this one's playlists have no segment yet and the player shows Loading (then, after
 * about twelve seconds, its error); the player's stories say which states need real media.
 */
export const Live: Story = {
  render: (args) =>
    renderView(args, async (room, view) => {
      goLive(room, EMPTY_LIVE_STREAM);
      await playerShows(playerIn(view()), 'loading', { renditions: true });
    }),
};

/** The stream ran while I watched, then stopped: it has ended, not "not started". */
export const Ended: Story = {
  render: (args) =>
    renderView(args, async (room, view) => {
      goLive(room, UNREACHABLE_STREAM);
      await playerShows(playerIn(view()), 'error');
      room.setStreaming('hls', { status: 'stopped' });
    }),
};

/** The server reports the stream failed, with its reason. */
export const Failed: Story = {
  render: (args) =>
    renderView(args, async (room) => {
      room.setStreaming('hls', { status: 'failed', error: 'the encoder stopped unexpectedly' });
    }),
};

/** A phone in portrait. */
export const Phone: Story = { args: { width: 390, height: 220 } };

export const Dark: Story = { globals: { theme: 'dark' } };

export const Spanish: Story = { globals: { lang: 'es' } };

export const SpanishEnded: Story = { globals: { lang: 'es' }, render: Ended.render! };

export const RightToLeft: Story = { globals: { dir: 'rtl' } };

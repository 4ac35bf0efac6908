// <convene-hls-player> in the states it reaches without a stream, which Storybook does not have:
// no source, loading (a stream whose playlists have no segment yet), and an unreachable stream
// giving the error with Retry; with the page's language and direction. Playing, stalled, behind
// live and ended need real media: the element's tests play a real stream for those.
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../src/elements/convene-hls-player/define.ts';
import type { ConveneHlsPlayer } from '../src/elements/convene-hls-player/convene-hls-player.ts';
import { EMPTY_LIVE_STREAM, UNREACHABLE_STREAM, playerShows } from './support/hls-streams.ts';
import { storyScript } from './support/simulated.ts';

interface HlsPlayerArgs {
  /** The master playlist's URL. */
  src: string;
  /** Muted (as it starts, with Tap to unmute) or not. */
  muted: boolean;
  /** The player's box, in CSS pixels. */
  width: number;
  height: number;
}

type Wait = (player: () => ConveneHlsPlayer | undefined) => Promise<void>;

function renderPlayer({ src, muted, width, height }: HlsPlayerArgs, wait?: Wait) {
  let player: ConveneHlsPlayer | undefined;
  if (wait) storyScript(() => wait(() => player));
  return html`<convene-hls-player
    ${ref((element) => (player = element as ConveneHlsPlayer | undefined))}
    src=${src}
    .muted=${muted}
    style="width: ${width}px; height: ${height}px; max-width: 100%"
  ></convene-hls-player>`;
}

const meta = {
  title: 'Elements/convene-hls-player',
  component: 'convene-hls-player',
  args: { src: '', muted: true, width: 960, height: 540 },
  argTypes: {
    src: { control: 'text' },
    muted: { control: 'boolean' },
    width: { control: { type: 'range', min: 320, max: 1600, step: 10 } },
    height: { control: { type: 'range', min: 180, max: 1000, step: 10 } },
  },
  render: (args) => renderPlayer(args),
  parameters: {
    docs: {
      description: {
        component:
          'Storybook has no HLS stream, and these stories do not fake hls.js, so they show only ' +
          'what the player reaches without media: no source, loading, and an error with Retry. ' +
          'Playing (the red Live badge and the latency), "Waiting for the stream…" after a stall, ' +
          'behind live with Go to live, and "The stream has ended." are reached only while real ' +
          'media plays; test/elements/convene-hls-player.test.ts plays a real stream for them.',
      },
    },
  },
} satisfies Meta<HlsPlayerArgs>;

export default meta;
type Story = StoryObj<HlsPlayerArgs>;

/** No source yet: a black box, no bar. */
export const NoSource: Story = {};

/**
 * Loading: hls.js has the master playlist (the quality menu lists its renditions) and waits
 * for a first segment. This stream's playlists never get one, so after about twelve seconds
 * hls.js gives up and the player shows the error (levelEmptyError).
 */
export const Loading: Story = {
  args: { src: EMPTY_LIVE_STREAM },
  render: (args) =>
    renderPlayer(args, (player) => playerShows(player, 'loading', { renditions: true })),
};

/** The stream cannot be loaded (its server is not there): what failed, and Retry. */
export const LoadError: Story = {
  args: { src: UNREACHABLE_STREAM },
  render: (args) => renderPlayer(args, (player) => playerShows(player, 'error')),
};

/** A phone in portrait: the bar's controls keep to the width. */
export const Phone: Story = { ...Loading, args: { ...Loading.args, width: 390, height: 220 } };

export const Spanish: Story = { ...Loading, globals: { lang: 'es' } };

export const SpanishError: Story = { ...LoadError, globals: { lang: 'es' } };

export const RightToLeft: Story = { ...Loading, globals: { dir: 'rtl' } };

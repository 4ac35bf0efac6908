// <convene-streaming-controls> inside <convene-room> on a simulated room: a role that may go live,
// record, both or neither; the live stream and the recording idle, starting, running (the Live
// and Recording badges), stopping, failed (with the server's reason), and a start the server
// refused; a phone's width; with the page's theme, language and direction.
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../src/elements/convene-streaming-controls/define.ts';
import type { SimulatedRoom } from '../src/client/simulated-room.ts';
import { unavailable } from '../src/protocol/errors.ts';
import type { StreamingStatus } from '../src/protocol/streaming-schemas.ts';
import { afterFrames, storyRoom } from './support/simulated.ts';

interface StreamingControlsArgs {
  /** My role has `hlsStreaming`: Go live and End stream. */
  mayStream: boolean;
  /** My role has `browserRecording`: Record and Stop recording. */
  mayRecord: boolean;
  /** The live stream's state, as the server announces it. */
  hls: StreamingStatus;
  /** The recording's state, as the server announces it. */
  recording: StreamingStatus;
  /** The bar's width, in CSS pixels. */
  width: number;
}

/** What the server says when the stories' stream or recording fails. */
const FAILURE = { hls: 'the encoder stopped', recording: 'the disk is full' } as const;

type Script = (room: SimulatedRoom, controls: () => HTMLElement | undefined) => Promise<void>;

function renderControls(
  { mayStream, mayRecord, hls, recording, width }: StreamingControlsArgs,
  script?: Script,
) {
  let controls: HTMLElement | undefined;
  const room = storyRoom({
    peers: 2,
    video: false,
    localPermissions: { hlsStreaming: mayStream, browserRecording: mayRecord },
    script: async () => {
      const startedAt = new Date().toISOString();
      room.setStreaming('hls', {
        status: hls,
        ...(hls === 'running' ? { startedAt, url: '/hls/simulated-room/master.m3u8' } : {}),
        ...(hls === 'failed' ? { error: FAILURE.hls } : {}),
      });
      room.setStreaming('recording', {
        status: recording,
        ...(recording === 'running' ? { startedAt } : {}),
        ...(recording === 'failed' ? { error: FAILURE.recording } : {}),
      });
      await script?.(room, () => controls);
    },
  });
  return html`<convene-room manual .client=${room}>
    <div style="width: ${width}px; max-width: 100%; display: flex; align-items: center; gap: 12px">
      <strong>Weekly all-hands</strong>
      <convene-streaming-controls
        ${ref((element) => (controls = element as HTMLElement | undefined))}
      ></convene-streaming-controls>
    </div>
  </convene-room>`;
}

/** Presses Go live (`hls`) or Record (`recording`), and waits for what it shows after. */
async function press(controls: HTMLElement | undefined, kind: 'hls' | 'recording') {
  await afterFrames();
  const button = () => controls?.shadowRoot?.querySelector<HTMLButtonElement>(`button.${kind}`);
  for (let frame = 0; frame < 120 && !button(); frame++) await afterFrames(1);
  button()?.click();
  const error = () => controls?.shadowRoot?.querySelector('[role="alert"]');
  for (let frame = 0; frame < 120 && !error(); frame++) await afterFrames(1);
}

const STATUSES: StreamingStatus[] = ['stopped', 'starting', 'running', 'stopping', 'failed'];

const meta = {
  title: 'Elements/convene-streaming-controls',
  component: 'convene-streaming-controls',
  args: { mayStream: true, mayRecord: true, hls: 'stopped', recording: 'stopped', width: 960 },
  argTypes: {
    mayStream: { control: 'boolean' },
    mayRecord: { control: 'boolean' },
    hls: { control: 'select', options: STATUSES },
    recording: { control: 'select', options: STATUSES },
    width: { control: { type: 'range', min: 320, max: 1600, step: 10 } },
  },
  render: (args) => renderControls(args),
} satisfies Meta<StreamingControlsArgs>;

export default meta;
type Story = StoryObj<StreamingControlsArgs>;

/** A host's role, nothing running: Go live and Record. */
export const Idle: Story = {};

/** A role that may go live but not record: Go live only. */
export const MayStreamOnly: Story = { args: { mayRecord: false } };

/** A role that may record but not go live: Record only. */
export const MayRecordOnly: Story = { args: { mayStream: false } };

/**
 * A role that may do neither (a guest's) sees only the badges of what runs; with nothing
 * running it shows nothing at all.
 */
export const MayNeither: Story = {
  args: { mayStream: false, mayRecord: false, hls: 'running', recording: 'running' },
};

/** The server is starting the stream: the button is busy (aria-busy) and says Starting…. */
export const Starting: Story = { args: { hls: 'starting' } };

/** Both run: the Live and Recording badges (a status region), End stream and Stop recording. */
export const Running: Story = { args: { hls: 'running', recording: 'running' } };

/** Live only: the Live badge, End stream pressed, Record still offered. */
export const LiveOnly: Story = { args: { hls: 'running' } };

/** Recording only: the Recording badge. */
export const RecordingOnly: Story = { args: { recording: 'running' } };

/** The stream is stopping while the recording runs on: End stream is busy, Stopping…. */
export const Stopping: Story = { args: { hls: 'stopping', recording: 'running' } };

/**
 * The server reports the live stream failed after it ran: everyone reads why, in the status
 * region (the reason is the server's text, shown as text), and a role that may is offered Go
 * live again; viewers also see the failure in `<convene-stream-view>`.
 */
export const StreamFailed: Story = { args: { hls: 'failed', recording: 'running' } };

/** Both failed: a line for each, and Go live again and Record again. */
export const BothFailed: Story = { args: { hls: 'failed', recording: 'failed' } };

/** A guest's role sees the failure too, without a button to restart it. */
export const FailedAsGuest: Story = {
  args: { mayStream: false, mayRecord: false, hls: 'failed', recording: 'stopped' },
};

/**
 * Go live pressed and the server refused it: the reason beside the buttons (an alert), and a
 * `convene-error` event.
 */
export const StartRefused: Story = {
  render: (args) =>
    renderControls(args, async (room, controls) => {
      room.failStreaming('hls', unavailable('streaming is not available on this server'));
      await press(controls(), 'hls');
    }),
};

/** A phone's width: the badges and buttons wrap under the room's name. */
export const Phone: Story = { args: { hls: 'running', recording: 'running', width: 390 } };

export const Dark: Story = {
  args: { hls: 'running', recording: 'starting' },
  globals: { theme: 'dark' },
};

export const Spanish: Story = {
  args: { hls: 'running', recording: 'running' },
  globals: { lang: 'es' },
};

/** A failure's wording in Spanish. */
export const SpanishFailed: Story = {
  args: { hls: 'failed', recording: 'failed' },
  globals: { lang: 'es' },
};

/** The refusal's wording in Spanish. */
export const SpanishRefused: Story = {
  globals: { lang: 'es' },
  render: StartRefused.render!,
};

export const RightToLeft: Story = {
  args: { hls: 'running', recording: 'running' },
  globals: { dir: 'rtl' },
};

// <convene-room> around a grid, in the states before and after a call: connecting, failed with
// an error, removed with a reason. The status part, visually hidden by default, is shown here
// through ::part(status) so a reviewer reads what a screen reader hears.
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { SimulatedRoom } from '../src/client/simulated-room.ts';
import { storyRoom } from './support/simulated.ts';

interface RoomArgs {
  /** The error the join failed with (Failed). */
  errorMessage: string;
  /** What the host said when removing me (Removed). */
  reason: string;
}

const showStatus = html`<style>
  convene-room::part(status) {
    position: static;
    width: auto;
    height: auto;
    clip-path: none;
    white-space: normal;
    display: block;
    margin-block-start: 8px;
  }
</style>`;

function renderRoom(room: SimulatedRoom) {
  return html`${showStatus}
    <convene-room manual .client=${room}>
      <div style="width: 640px; height: 360px; max-width: 100%">
        <convene-grid></convene-grid>
      </div>
    </convene-room>`;
}

const meta = {
  title: 'Elements/convene-room',
  component: 'convene-room',
  args: {
    errorMessage:
      'No room has the code abc-defg-hij. Check the link or ask the host for a new one.',
    reason: 'The host ended your part in this call.',
  },
} satisfies Meta<RoomArgs>;

export default meta;
type Story = StoryObj<RoomArgs>;

export const Connecting: Story = {
  render: () => {
    const room = storyRoom({ join: false });
    room.store.patch({ connection: 'connecting' });
    return renderRoom(room);
  },
};

export const FailedWithError: Story = {
  render: ({ errorMessage }) => {
    const room = storyRoom({ join: false });
    room.store.patch({
      connection: 'failed',
      error: { code: 'room_not_found', message: errorMessage },
    });
    return renderRoom(room);
  },
};

export const RemovedWithReason: Story = {
  render: ({ reason }) =>
    renderRoom(storyRoom({ peers: 3, script: (room) => room.removeMe('peer removed', reason) })),
};

// <convene-tile> alone, one peer of a simulated room: playing, camera off, reconnecting (mine or
// the peer's), speaking, a poor connection, a raised hand, a role badge and pinned.
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { SimulatedPeerInput } from '../src/client/simulated-room.ts';
import { storyRoom } from './support/simulated.ts';

interface TileArgs {
  name: string;
  /** The peer's camera is on. */
  camera: boolean;
  /** The peer's microphone is on. */
  microphone: boolean;
  speaking: boolean;
  /** 0 to 5; -1 shows no indicator. */
  connectionQuality: number;
  handRaised: boolean;
  /** My connection is being restored. */
  reconnecting: boolean;
  /** The peer's own connection is being restored. */
  peerReconnecting: boolean;
  /** The peer's role (its badge). */
  role: string;
  pinned: boolean;
  /** The tile's width in CSS pixels. */
  width: number;
}

function renderTile(args: TileArgs) {
  const peer: SimulatedPeerInput = {
    name: args.name,
    camera: args.camera,
    microphone: args.microphone,
    handRaised: args.handRaised,
    role: args.role,
    ...(args.connectionQuality >= 0 ? { connectionQuality: args.connectionQuality } : {}),
  };
  const room = storyRoom({
    peers: [peer],
    ...(args.reconnecting ? { script: (r) => r.dropConnection() } : {}),
  });
  // join() has filled the store by now: the peer is the one after me.
  const id = room.store.state.peerOrder[1]!;
  if (args.peerReconnecting) room.setPeerReconnecting(id, true);
  return html`<div style="width: ${args.width}px; max-width: 100%">
    <convene-tile
      .peer=${room.store.state.peers[id]}
      .client=${room}
      ?speaking=${args.speaking}
      ?pinned=${args.pinned}
    >
    </convene-tile>
  </div>`;
}

const meta = {
  title: 'Elements/convene-tile',
  component: 'convene-tile',
  args: {
    name: 'Ada Lovelace',
    camera: true,
    microphone: true,
    speaking: false,
    connectionQuality: 5,
    handRaised: false,
    reconnecting: false,
    peerReconnecting: false,
    role: 'guest',
    pinned: false,
    width: 320,
  },
  argTypes: {
    connectionQuality: { control: { type: 'range', min: -1, max: 5, step: 1 } },
    width: { control: { type: 'range', min: 120, max: 960, step: 10 } },
  },
  render: renderTile,
} satisfies Meta<TileArgs>;

export default meta;
type Story = StoryObj<TileArgs>;

export const Playing: Story = {};

export const CameraOff: Story = { args: { camera: false, microphone: false } };

export const Reconnecting: Story = { args: { reconnecting: true } };

export const Speaking: Story = { args: { speaking: true } };

export const PoorQuality: Story = { args: { connectionQuality: 1 } };

export const HandRaised: Story = { args: { handRaised: true } };

export const RoleBadge: Story = { args: { role: 'host' } };

export const Pinned: Story = { args: { pinned: true } };

/** The peer's connection dropped (not mine): its last frame under "Reconnecting…". */
export const PeerReconnecting: Story = { args: { peerReconnecting: true } };

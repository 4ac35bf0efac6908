// <convene-role-controls> for one peer, handed the peer, the room's roles and what my role may
// do, as the participant list hands them: each permission set (all, mute only, ask to unmute,
// change role, remove, none), a muted peer, a raised hand; with the page's theme, language and
// direction. Its menu opens with Enter, Space or ArrowDown on "Actions for {name}".
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { RoomActionAbilities } from '../src/client/room-actions.ts';
import type { SimulatedPeerInput } from '../src/client/simulated-room.ts';
import { storyRoom } from './support/simulated.ts';

interface RoleControlsArgs extends RoomActionAbilities {
  /** The other peer's microphone is on (Mute) or muted (Ask to unmute). */
  peerMicrophone: boolean;
  /** The other peer's hand is up (Lower hand, with changeRole). */
  peerHandRaised: boolean;
}

function renderControls({ peerMicrophone, peerHandRaised, ...can }: RoleControlsArgs) {
  const ada: SimulatedPeerInput = {
    name: 'Ada Lovelace',
    microphone: peerMicrophone,
    handRaised: peerHandRaised,
  };
  // Mine is a host's role, so that the simulated server carries out what the menu offers.
  const room = storyRoom({ peers: [ada], video: false });
  const { peerOrder, peers, roles } = room.store.state;
  const peer = peers[peerOrder.find((id) => !peers[id]!.isLocal)!]!;
  return html`<convene-room manual .client=${room}>
    <div style="display: flex; align-items: center; gap: 12px; min-height: 320px">
      <span>${peer.name}</span>
      <convene-role-controls
        peer-id=${peer.id}
        .peer=${peer}
        .roles=${roles}
        .can=${can}
      ></convene-role-controls>
    </div>
  </convene-room>`;
}

const ALL: RoomActionAbilities = {
  mute: true,
  requestUnmute: true,
  changeRole: true,
  removePeer: true,
  endRoom: true,
};
const NONE: RoomActionAbilities = {
  mute: false,
  requestUnmute: false,
  changeRole: false,
  removePeer: false,
  endRoom: false,
};

const meta = {
  title: 'Elements/convene-role-controls',
  component: 'convene-role-controls',
  args: { ...ALL, peerMicrophone: true, peerHandRaised: false },
  argTypes: {
    mute: { control: 'boolean', description: 'May mute others' },
    requestUnmute: { control: 'boolean', description: 'May ask others to unmute' },
    changeRole: { control: 'boolean', description: 'May change roles and lower hands' },
    removePeer: { control: 'boolean', description: 'May remove others' },
    endRoom: { control: 'boolean', description: 'May end the room (not in this menu)' },
    peerMicrophone: { control: 'boolean' },
    peerHandRaised: { control: 'boolean' },
  },
  render: renderControls,
} satisfies Meta<RoleControlsArgs>;

export default meta;
type Story = StoryObj<RoleControlsArgs>;

/** A host's role: every action. */
export const AllPermissions: Story = {};

export const MuteOnly: Story = { args: { ...NONE, mute: true } };

/** The peer is muted: Ask to unmute instead of Mute. */
export const AskToUnmute: Story = { args: { ...NONE, requestUnmute: true, peerMicrophone: false } };

export const ChangeRoleOnly: Story = { args: { ...NONE, changeRole: true } };

/** Change role also lowers a raised hand, as the server rules. */
export const HandRaised: Story = { args: { ...NONE, changeRole: true, peerHandRaised: true } };

/** Remove from room, confirmed in a dialog with an optional reason. */
export const RemoveOnly: Story = { args: { ...NONE, removePeer: true } };

/** A guest's role: nothing to do on others, so nothing is shown. */
export const NoPermissions: Story = { args: { ...NONE } };

export const Dark: Story = { globals: { theme: 'dark' } };

export const Spanish: Story = { globals: { lang: 'es' } };

export const RightToLeft: Story = { globals: { dir: 'rtl' } };

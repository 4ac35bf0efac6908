// <convene-participant-list> inside <convene-room> on a simulated room: me alone, 4 and 50 peers
// by role, raised hands first, a search (one that finds nobody too), muted and reconnecting
// peers, a host's view with each row's actions and "Mute all" beside a guest's view without
// them; with the page's theme, language and direction.
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { SimulatedPeerInput, SimulatedRoom } from '../src/client/simulated-room.ts';
import { storyRoom } from './support/simulated.ts';

interface ParticipantListArgs {
  /** Remote peers besides me (guests, every fifth a host), when `people` is not given. */
  peers: number;
  /** My role: a host acts on others; a guest only sees them. */
  localRole: 'host' | 'guest';
  /** The name search. */
  search: string;
  /** The panel's box, in CSS pixels. */
  width: number;
  height: number;
}

type Script = (room: SimulatedRoom, others: string[]) => void | Promise<void>;

const FOUR: SimulatedPeerInput[] = [
  { name: 'Ada Lovelace', role: 'host', connectionQuality: 5 },
  { name: 'Grace Hopper', microphone: false, connectionQuality: 4 },
  { name: 'Alan Turing', camera: false, connectionQuality: 2 },
  { name: 'Katherine Johnson', handRaised: true, connectionQuality: 3 },
];

function crowd(count: number): SimulatedPeerInput[] {
  const names = ['Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Margaret', 'Dennis', 'Barbara'];
  return Array.from({ length: count }, (_, i) => ({
    name: `${names[i % names.length]} ${Math.floor(i / names.length) + 1}`,
    role: i % 5 === 0 ? 'host' : 'guest',
    microphone: i % 3 !== 0,
    handRaised: i % 11 === 4,
    connectionQuality: (i % 5) + 1,
  }));
}

function renderList(
  { peers, localRole, search, width, height }: ParticipantListArgs,
  people: SimulatedPeerInput[] = crowd(peers),
  script?: Script,
) {
  const room = storyRoom({ peers: people, localRole, video: false, ...(script ? { script } : {}) });
  return html`<convene-room manual .client=${room}>
    <div style="width: ${width}px; height: ${height}px; max-width: 100%; overflow: auto">
      <convene-participant-list .search=${search}></convene-participant-list>
    </div>
  </convene-room>`;
}

const meta = {
  title: 'Elements/convene-participant-list',
  component: 'convene-participant-list',
  args: { peers: 4, localRole: 'host', search: '', width: 360, height: 640 },
  argTypes: {
    peers: { control: { type: 'range', min: 0, max: 80, step: 1 } },
    localRole: { control: 'inline-radio', options: ['host', 'guest'] },
    search: { control: 'text' },
    width: { control: { type: 'range', min: 280, max: 800, step: 10 } },
    height: { control: { type: 'range', min: 240, max: 1000, step: 10 } },
  },
  render: (args) => renderList(args, FOUR),
} satisfies Meta<ParticipantListArgs>;

export default meta;
type Story = StoryObj<ParticipantListArgs>;

export const OnlyMe: Story = { render: (args) => renderList(args, []) };

/** A host, three guests (one muted, one with the camera off, one with a hand up): the host's view. */
export const FourPeersHostView: Story = {};

/** The same room seen by a guest: no actions, no "Mute all". */
export const FourPeersGuestView: Story = { args: { localRole: 'guest' } };

/** Fifty peers by role; raised hands first in each group. */
export const FiftyPeers: Story = {
  args: { peers: 50 },
  render: (args) => renderList(args),
};

/** Hands go up during the call: those peers move to the top of their group. */
export const HandsRaisedFirst: Story = {
  render: (args) =>
    renderList(args, FOUR, (room, [, grace, alan]) => {
      room.setHand(alan!, true);
      room.setHand(grace!, true);
    }),
};

/** "grace" keeps the Graces of fifty, ignoring case and accents. */
export const Search: Story = {
  args: { peers: 50, search: 'grace' },
  render: (args) => renderList(args),
};

export const SearchFindsNobody: Story = { args: { search: 'Zelda' } };

/** Someone talks: the row shows it; one peer's connection is poor. */
export const Speaking: Story = {
  render: (args) => renderList(args, FOUR, (room, [ada]) => room.speak(ada!)),
};

/** A phone's sheet (390 x 844). */
export const Phone: Story = { args: { width: 390, height: 844 } };

export const Dark: Story = { globals: { theme: 'dark' } };

export const Spanish: Story = { globals: { lang: 'es' } };

export const RightToLeft: Story = { globals: { dir: 'rtl' } };

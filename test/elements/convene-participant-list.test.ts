import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { PeerState } from '../../src/client/room-state.ts';
import type { ConveneParticipantList } from '../../src/elements/convene-participant-list/convene-participant-list.ts';
import '../../src/elements/convene-participant-list/define.ts';
import type { ConveneRoleControls } from '../../src/elements/convene-role-controls/convene-role-controls.ts';
import { ConveneErrorEvent } from '../../src/events/convene-error.ts';
import { makeRole } from '../client/support/room-fixtures.ts';
import { clientWith, makePeer } from './support/mock-room.ts';
import type { MockRoomClient, PeerOptions } from './support/mock-room.ts';

const HOST = makeRole('host', { mute: true, unmute: true, changeRole: true, removeOthers: true });
const GUEST = makeRole('guest');
const VIEWER = makeRole('viewer');
// The room's order: host, guest, viewer (not alphabetical, not by count).
const ROLES = { host: HOST, guest: GUEST, viewer: VIEWER };

function peer(
  id: string,
  role: string,
  options: PeerOptions = {},
  extra: Partial<PeerState> = {},
): PeerState {
  return { ...makePeer(id, options), role, ...extra };
}

/** I am `me`, with `myRole`, among `others`. */
function roomClient(myRole = HOST, others: PeerState[] = []): MockRoomClient {
  const me = peer('me', myRole.name, { name: 'Grace Hopper', isLocal: true });
  return clientWith([me, ...others], { role: myRole, roles: ROLES });
}

const PEOPLE = [
  peer('ada', 'guest', {
    name: 'Ada Lovelace',
    tracks: { microphone: null, camera: { muted: true } },
  }),
  peer('zoe', 'guest', { name: 'Zoë Kravitz', connectionQuality: 2 }, { handRaised: true }),
  peer('alan', 'viewer', { name: 'Alan Turing' }),
  peer('edsger', 'host', { name: 'Edsger Dijkstra' }),
  peer('barbara', 'guest', { name: 'Barbara Liskov' }, { handRaised: true }),
];

async function listFor(client: MockRoomClient): Promise<ConveneParticipantList> {
  return fixture<ConveneParticipantList>(
    html`<convene-participant-list .client=${client}></convene-participant-list>`,
  );
}

const all = (el: ConveneParticipantList, selector: string) => [
  ...el.shadowRoot!.querySelectorAll<HTMLElement>(selector),
];
const part = (el: ConveneParticipantList, name: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (node: Element | null | undefined) =>
  node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const headings = (el: ConveneParticipantList) => all(el, '[part~="group-heading"]').map(text);
const names = (el: ConveneParticipantList) => all(el, '[part~="peer-name"]').map(text);
const row = (el: ConveneParticipantList, id: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(`[data-peer-id="${id}"]`)!;

async function search(el: ConveneParticipantList, query: string): Promise<void> {
  const input = part(el, 'search') as HTMLInputElement;
  input.value = query;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
}

const settle = () => new Promise((resolve) => setTimeout(resolve));

describe('<convene-participant-list>', () => {
  it('is accessible', async () => {
    const el = await listFor(roomClient(HOST, PEOPLE));
    await expect(el).to.be.accessible();
  });

  it('is accessible for a guest and with an empty search', async () => {
    const el = await listFor(roomClient(GUEST, PEOPLE));
    await expect(el).to.be.accessible();
    await search(el, 'nobody');
    await expect(el).to.be.accessible();
  });

  it('survives immediate removal and leaves no store subscription', async () => {
    const client = roomClient(HOST, PEOPLE);
    const el = await listFor(client);
    // One subscription for the whole list: the rows are handed their data.
    expect(client.store.listenerCount).to.equal(1);
    el.remove();
    expect(client.store.listenerCount).to.equal(0);

    const quick = document.createElement('convene-participant-list');
    quick.client = client;
    document.body.append(quick);
    quick.remove();
    await quick.updateComplete;
    expect(client.store.listenerCount).to.equal(0);
  });

  it('groups by role in the room role order, with counts', async () => {
    const el = await listFor(roomClient(HOST, PEOPLE));
    expect(text(part(el, 'title'))).to.equal('Participants (6)');
    expect(headings(el)).to.deep.equal(['host (2)', 'guest (3)', 'viewer (1)']);
  });

  it('gives a role the room has not announced a group after the known ones', async () => {
    const el = await listFor(roomClient(HOST, [...PEOPLE, peer('x', 'speaker', { name: 'X' })]));
    expect(headings(el)).to.deep.equal(['host (2)', 'guest (3)', 'viewer (1)', 'speaker (1)']);
  });

  it('puts raised hands first within a group, then join order, and counts them', async () => {
    const el = await listFor(roomClient(HOST, PEOPLE));
    expect(names(el)).to.deep.equal([
      'Grace Hopper (you)',
      'Edsger Dijkstra',
      'Zoë Kravitz',
      'Barbara Liskov',
      'Ada Lovelace',
      'Alan Turing',
    ]);
    expect(text(part(el, 'raised-hands'))).to.equal('Raised hands: 2');
    expect(row(el, 'zoe').getAttribute('part')).to.contain('hand-raised');
    expect(text(row(el, 'zoe').querySelector('[part~="hand"]'))).to.equal('Hand raised');
  });

  it('follows the store: a hand raised moves its peer up', async () => {
    const client = roomClient(HOST, PEOPLE);
    const el = await listFor(client);
    client.store.updatePeer('ada', (p) => ({ ...p, handRaised: true }));
    await el.updateComplete;
    // Hands in join order: Ada joined before Zoë.
    expect(names(el).slice(2, 5)).to.deep.equal(['Ada Lovelace', 'Zoë Kravitz', 'Barbara Liskov']);
    expect(text(part(el, 'raised-hands'))).to.equal('Raised hands: 3');
  });

  it('marks the local peer "(you)" and shows each row’s role', async () => {
    const el = await listFor(roomClient(HOST, PEOPLE));
    expect(text(row(el, 'me').querySelector('[part~="peer-name"]'))).to.equal('Grace Hopper (you)');
    expect(row(el, 'me').getAttribute('part')).to.contain('local');
    expect(text(row(el, 'alan').querySelector('[part~="peer-role"]'))).to.equal('viewer');
  });

  it('tells microphone, camera and connection quality in words', async () => {
    const el = await listFor(roomClient(HOST, PEOPLE));
    const ada = row(el, 'ada');
    expect(text(ada.querySelector('[part~="microphone"]'))).to.equal('Microphone on');
    expect(text(ada.querySelector('[part~="camera"]'))).to.equal('Camera off');
    expect(ada.querySelector('[part~="quality"]')).to.equal(null);
    const zoe = row(el, 'zoe');
    expect(text(zoe.querySelector('[part~="microphone"]'))).to.equal('Microphone off');
    expect(zoe.querySelector('[part~="quality"]')!.getAttribute('aria-label')).to.equal(
      'Connection quality 2 of 5',
    );
  });

  it('renders peer names as text, never as HTML', async () => {
    const el = await listFor(
      roomClient(HOST, [peer('x', 'guest', { name: '<img src=x onerror=alert(1)>' })]),
    );
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(text(row(el, 'x').querySelector('[part~="peer-name"]'))).to.equal(
      '<img src=x onerror=alert(1)>',
    );
  });

  describe('search', () => {
    it('is a labelled field "Search participants"', async () => {
      const el = await listFor(roomClient(HOST, PEOPLE));
      const input = part(el, 'search') as HTMLInputElement;
      expect(input.labels![0]!.textContent!.trim()).to.equal('Search participants');
    });

    it('finds "Zoë" by "zoe", ignoring case and accents, and updates the counts', async () => {
      const el = await listFor(roomClient(HOST, PEOPLE));
      await search(el, 'ZOE');
      expect(names(el)).to.deep.equal(['Zoë Kravitz']);
      expect(headings(el)).to.deep.equal(['guest (1)']);
      await search(el, 'Zoë k');
      expect(names(el)).to.deep.equal(['Zoë Kravitz']);
    });

    it('finds by any part of the name, and says when nobody matches', async () => {
      const el = await listFor(roomClient(HOST, PEOPLE));
      await search(el, 'ov');
      expect(names(el)).to.deep.equal(['Barbara Liskov', 'Ada Lovelace']);
      await search(el, 'nobody');
      expect(names(el)).to.deep.equal([]);
      expect(text(part(el, 'empty'))).to.equal('No participants match “nobody”.');
      await search(el, '');
      expect(names(el)).to.have.length(6);
    });
  });

  describe('controls', () => {
    it('a guest sees no controls and no "Mute all"', async () => {
      const el = await listFor(roomClient(GUEST, PEOPLE));
      expect(all(el, 'convene-role-controls')).to.have.length(0);
      expect(all(el, '[part~="mute-all"]')).to.have.length(0);
    });

    it('a host gets role controls for everyone but itself, handed their peer', async () => {
      const el = await listFor(roomClient(HOST, PEOPLE));
      const controls = all(el, 'convene-role-controls') as ConveneRoleControls[];
      expect(controls.map((c) => c.peerId)).to.have.members([
        'edsger',
        'zoe',
        'barbara',
        'ada',
        'alan',
      ]);
      expect(row(el, 'me').querySelector('convene-role-controls')).to.equal(null);
      await controls[0]!.updateComplete;
      expect(
        controls[0]!.shadowRoot!.querySelector('[part~="trigger"]')!.getAttribute('aria-label'),
      ).to.equal('Actions for Edsger Dijkstra');
    });

    it('a host mutes a role only after confirming', async () => {
      const client = roomClient(HOST, PEOPLE);
      const el = await listFor(client);
      const buttons = all(el, '[part~="mute-all"]');
      expect(buttons.map((b) => b.getAttribute('aria-label'))).to.deep.equal([
        'Mute all: host',
        'Mute all: guest',
        'Mute all: viewer',
      ]);
      buttons[1]!.click();
      await el.updateComplete;
      const dialog = part(el, 'dialog') as HTMLDialogElement;
      expect(dialog.open).to.equal(true);
      expect(text(dialog.querySelector('h2'))).to.equal('Mute everyone with the role guest?');
      dialog.querySelector<HTMLButtonElement>('.cancel')!.click();
      await settle();
      expect(dialog.open).to.equal(false);
      expect(client.calls).to.deep.equal([]);
      expect(el.shadowRoot!.activeElement).to.equal(buttons[1]);

      buttons[1]!.click();
      await el.updateComplete;
      dialog.querySelector<HTMLButtonElement>('.confirm')!.click();
      await settle();
      expect(client.calls).to.deep.equal([
        { method: 'actions.muteRole', args: ['guest', undefined] },
      ]);
      await el.updateComplete;
      expect(text(part(el, 'status'))).to.equal('Muted 0 in guest.');
    });

    it('a host alone in its group gets no "Mute all" there', async () => {
      const el = await listFor(roomClient(HOST, [peer('ada', 'guest')]));
      expect(all(el, '[part~="mute-all"]').map((b) => b.getAttribute('aria-label'))).to.deep.equal([
        'Mute all: guest',
      ]);
    });

    it('shows a refused "Mute all" and fires convene-error', async () => {
      const client = roomClient(HOST, PEOPLE);
      client.rejectNext('actions.muteRole', { code: 'forbidden', message: 'Not allowed.' });
      const el = await listFor(client);
      const fired = oneEvent(el, 'convene-error');
      all(el, '[part~="mute-all"]')[0]!.click();
      await el.updateComplete;
      part(el, 'dialog')!.querySelector<HTMLButtonElement>('.confirm')!.click();
      const event = await fired;
      expect(event).to.be.instanceOf(ConveneErrorEvent);
      expect(event.detail).to.deep.equal({ code: 'forbidden', message: 'Not allowed.' });
      await waitUntil(() => part(el, 'error'));
      expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
      expect(text(part(el, 'error'))).to.contain('Not allowed.');
    });
  });

  it('speaks Spanish under lang="es"', async () => {
    const client = roomClient(HOST, PEOPLE);
    const holder = await fixture<HTMLElement>(
      html`<div lang="es">
        <convene-participant-list .client=${client}></convene-participant-list>
      </div>`,
    );
    const el = holder.querySelector('convene-participant-list')!;
    await el.updateComplete;
    expect(text(part(el, 'title'))).to.equal('Participantes (6)');
    expect(text(part(el, 'search-label'))).to.equal('Buscar participantes');
    expect(text(part(el, 'raised-hands'))).to.equal('Manos levantadas: 2');
    expect(text(row(el, 'me').querySelector('[part~="peer-name"]'))).to.equal('Grace Hopper (tú)');
    expect(text(row(el, 'ada').querySelector('[part~="camera"]'))).to.equal('Cámara apagada');
    expect(text(all(el, '[part~="mute-all"]')[0])).to.equal('Silenciar a todos');
  });

  it('renders 60 peers with one subscription, and re-renders a change quickly', async () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      peer(`p${i}`, i % 3 === 0 ? 'guest' : 'viewer', {
        name: `Person ${i}`,
        tracks: { microphone: { muted: i % 2 === 0 } },
        connectionQuality: i % 6,
      }),
    );
    const client = roomClient(HOST, many);
    const el = await listFor(client);
    expect(all(el, '[part~="peer"]')).to.have.length(61);
    expect(client.store.listenerCount).to.equal(1);
    const start = performance.now();
    client.store.updatePeer('p7', (p) => ({ ...p, handRaised: true }));
    await el.updateComplete;
    expect(performance.now() - start).to.be.below(100);
    expect(text(part(el, 'raised-hands'))).to.equal('Raised hands: 1');
    await search(el, 'person 5');
    // guest (every third) first, then viewer.
    expect(names(el)).to.deep.equal([
      ...['Person 51', 'Person 54', 'Person 57'],
      ...['Person 5', 'Person 50', 'Person 52', 'Person 53', 'Person 55', 'Person 56'],
      ...['Person 58', 'Person 59'],
    ]);
  });
});

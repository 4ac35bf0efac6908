import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { PeerState } from '../../src/client/room-state.ts';
import type { ConveneRoleControls } from '../../src/elements/convene-role-controls/convene-role-controls.ts';
import '../../src/elements/convene-role-controls/define.ts';
import { ConveneErrorEvent } from '../../src/events/convene-error.ts';
import { makeRole } from '../client/support/room-fixtures.ts';
import { clientWith, makePeer } from './support/mock-room.ts';
import type { PeerOptions, MockRoomClient } from './support/mock-room.ts';

const HOST = makeRole('host', { mute: true, unmute: true, changeRole: true, removeOthers: true });
const MODERATOR = makeRole('moderator', { mute: true });
const GUEST = makeRole('guest');
const ROLES = { host: HOST, moderator: MODERATOR, guest: GUEST };

function ada(options: PeerOptions = {}, extra: Partial<PeerState> = {}): PeerState {
  return { ...makePeer('ada', { name: 'Ada Lovelace', ...options }), ...extra };
}

/** A room where I (local) have `myRole`, with Ada in it. */
function roomClient(myRole = HOST, peer: PeerState = ada()): MockRoomClient {
  const me = { ...makePeer('local', { name: 'Me', isLocal: true }), role: myRole.name };
  return clientWith([me, peer], { role: myRole, roles: ROLES });
}

async function controlsFor(client: MockRoomClient, peerId = 'ada'): Promise<ConveneRoleControls> {
  return fixture<ConveneRoleControls>(
    html`<convene-role-controls .client=${client} .peerId=${peerId}></convene-role-controls>`,
  );
}

const part = (el: ConveneRoleControls, name: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const trigger = (el: ConveneRoleControls) => part(el, 'trigger') as HTMLButtonElement;
const items = (el: ConveneRoleControls) => [
  ...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="menuitem"]'),
];
const itemLabels = (el: ConveneRoleControls) => items(el).map((item) => item.textContent!.trim());
const focused = (el: ConveneRoleControls) => el.shadowRoot!.activeElement;

async function choose(el: ConveneRoleControls, label: string): Promise<void> {
  trigger(el).click();
  await el.updateComplete;
  const item = items(el).find((candidate) => candidate.textContent!.trim() === label);
  if (!item) throw new Error(`no menu item "${label}" in ${itemLabels(el).join(', ')}`);
  item.click();
  await el.updateComplete;
}

const settle = () => new Promise((resolve) => setTimeout(resolve));

describe('<convene-role-controls>', () => {
  it('is a menu button named after the peer, closed at first', async () => {
    const el = await controlsFor(roomClient());
    const button = trigger(el);
    expect(button.getAttribute('aria-label')).to.equal('Actions for Ada Lovelace');
    expect(button.getAttribute('aria-haspopup')).to.equal('menu');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(part(el, 'menu')!.hidden).to.equal(true);
    // Dialogs are rendered only when asked for: a long list keeps none idle.
    expect(part(el, 'dialog')).to.equal(null);
  });

  it('is accessible, closed and open', async () => {
    const el = await controlsFor(roomClient());
    await expect(el).to.be.accessible();
    trigger(el).click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('survives immediate removal and leaves no store subscription', async () => {
    const client = roomClient();
    const el = await controlsFor(client);
    expect(client.store.listenerCount).to.equal(1);
    el.remove();
    expect(client.store.listenerCount).to.equal(0);

    const quick = document.createElement('convene-role-controls');
    quick.client = client;
    quick.peerId = 'ada';
    document.body.append(quick);
    quick.remove();
    await quick.updateComplete;
    expect(client.store.listenerCount).to.equal(0);
  });

  it('holds no subscription when handed the peer, roles and abilities', async () => {
    const client = roomClient();
    const el = await fixture<ConveneRoleControls>(
      html`<convene-role-controls
        .client=${client}
        .peerId=${'ada'}
        .peer=${ada()}
        .roles=${ROLES}
        .can=${{ mute: true, requestUnmute: false, changeRole: false, removePeer: false, endRoom: false }}
      ></convene-role-controls>`,
    );
    expect(client.store.listenerCount).to.equal(0);
    expect(trigger(el)).to.equal(null);
    el.peer = ada({ tracks: { microphone: null } });
    await el.updateComplete;
    trigger(el).click();
    await el.updateComplete;
    expect(itemLabels(el)).to.deep.equal(['Mute microphone']);
    expect(client.store.listenerCount).to.equal(0);
  });

  it('renders nothing for a guest, whose role permits nothing', async () => {
    const el = await controlsFor(roomClient(GUEST, ada({ tracks: { microphone: null } })));
    expect(el.shadowRoot!.children).to.have.length(0);
    expect(trigger(el)).to.equal(null);
  });

  it('renders nothing for the local peer', async () => {
    const el = await controlsFor(roomClient(), 'local');
    expect(trigger(el)).to.equal(null);
  });

  it('offers a host every permitted action that applies now', async () => {
    const el = await controlsFor(
      roomClient(
        HOST,
        ada({ tracks: { microphone: null, camera: { muted: true } } }, { handRaised: true }),
      ),
    );
    trigger(el).click();
    await el.updateComplete;
    expect(itemLabels(el)).to.deep.equal([
      'Mute microphone',
      'Ask to turn on camera',
      'Change role…',
      'Lower hand',
      'Remove from room…',
    ]);
  });

  it('offers only the actions the role permits', async () => {
    const el = await controlsFor(
      roomClient(
        MODERATOR,
        ada({ tracks: { microphone: { muted: true }, camera: null } }, { handRaised: true }),
      ),
    );
    trigger(el).click();
    await el.updateComplete;
    // moderator: mute only; a muted microphone cannot be muted again, and no changeRole: no hand.
    expect(itemLabels(el)).to.deep.equal(['Mute camera']);
  });

  it('follows the store: an action appears when its track turns on', async () => {
    const client = roomClient(MODERATOR, ada({ tracks: { microphone: { muted: true } } }));
    const el = await controlsFor(client);
    expect(trigger(el)).to.equal(null);
    client.store.updatePeer('ada', (peer) => ({
      ...peer,
      tracks: { microphone: { ...peer.tracks.microphone!, muted: false } },
    }));
    await el.updateComplete;
    trigger(el).click();
    await el.updateComplete;
    expect(itemLabels(el)).to.deep.equal(['Mute microphone']);
  });

  describe('actions', () => {
    it('mutes the microphone and the camera', async () => {
      const client = roomClient(HOST, ada({ tracks: { microphone: null, camera: null } }));
      const el = await controlsFor(client);
      await choose(el, 'Mute microphone');
      await choose(el, 'Mute camera');
      expect(client.calls).to.deep.equal([
        { method: 'actions.mute', args: ['ada', 'microphone'] },
        { method: 'actions.mute', args: ['ada', 'camera'] },
      ]);
    });

    it('asks to unmute a muted microphone', async () => {
      const client = roomClient(HOST, ada({ tracks: { microphone: { muted: true } } }));
      const el = await controlsFor(client);
      await choose(el, 'Ask to unmute microphone');
      expect(client.calls).to.deep.equal([
        { method: 'actions.requestUnmute', args: ['ada', 'microphone'] },
      ]);
    });

    it('lowers a raised hand', async () => {
      const client = roomClient(HOST, ada({}, { handRaised: true }));
      const el = await controlsFor(client);
      await choose(el, 'Lower hand');
      expect(client.calls).to.deep.equal([{ method: 'lowerHand', args: ['ada'] }]);
    });

    it('changes the role at once, or asks first, among the other roles', async () => {
      const client = roomClient();
      const el = await controlsFor(client);
      await choose(el, 'Change role…');
      const dialog = part(el, 'change-role-dialog') as HTMLDialogElement;
      expect(dialog.open).to.equal(true);
      const options = [...dialog.querySelectorAll('[part~="role-option"]')].map((o) =>
        o.textContent!.trim(),
      );
      expect(options).to.deep.equal(['host', 'moderator']);
      dialog.querySelectorAll<HTMLInputElement>('input[type="radio"]')[1]!.click();
      dialog.querySelector<HTMLButtonElement>('.change-now')!.click();
      await settle();
      expect(dialog.open).to.equal(false);

      expect(part(el, 'change-role-dialog')).to.equal(null);

      await choose(el, 'Change role…');
      part(el, 'change-role-dialog')!.querySelector<HTMLButtonElement>('.ask-first')!.click();
      await settle();
      expect(client.calls).to.deep.equal([
        { method: 'actions.changeRole', args: ['ada', 'moderator', { force: true }] },
        { method: 'actions.changeRole', args: ['ada', 'host', { force: false }] },
      ]);
    });

    it('removes only after confirmation, with the reason given', async () => {
      const client = roomClient();
      const el = await controlsFor(client);
      await choose(el, 'Remove from room…');
      const dialog = part(el, 'remove-dialog') as HTMLDialogElement;
      expect(dialog.open).to.equal(true);
      expect(dialog.querySelector('h2')!.textContent!.trim()).to.equal(
        'Remove Ada Lovelace from the room?',
      );
      dialog.querySelector<HTMLButtonElement>('.cancel')!.click();
      await settle();
      expect(dialog.open).to.equal(false);
      expect(client.calls).to.deep.equal([]);

      await choose(el, 'Remove from room…');
      (part(el, 'reason') as HTMLInputElement).value = '  Off topic ';
      part(el, 'remove-dialog')!.querySelector<HTMLButtonElement>('.confirm')!.click();
      await settle();
      expect(client.calls).to.deep.equal([
        { method: 'actions.removePeer', args: ['ada', 'Off topic'] },
      ]);
    });

    it('removes without a reason when none is given', async () => {
      const client = roomClient();
      const el = await controlsFor(client);
      await choose(el, 'Remove from room…');
      part(el, 'remove-dialog')!.querySelector<HTMLButtonElement>('.confirm')!.click();
      await settle();
      expect(client.calls).to.deep.equal([
        { method: 'actions.removePeer', args: ['ada', undefined] },
      ]);
    });

    it('Escape in the remove dialog cancels and returns focus to the button', async () => {
      const client = roomClient();
      const el = await controlsFor(client);
      await choose(el, 'Remove from room…');
      await sendKeys({ press: 'Escape' });
      await settle();
      await el.updateComplete;
      expect(part(el, 'remove-dialog')).to.equal(null);
      expect(client.calls).to.deep.equal([]);
      expect(focused(el)).to.equal(trigger(el));
    });
  });

  describe('errors', () => {
    it('shows a refusal and fires convene-error', async () => {
      const client = roomClient(HOST, ada({ tracks: { microphone: null } }));
      client.rejectNext('actions.mute', { code: 'forbidden', message: 'Your role may not mute.' });
      const el = await controlsFor(client);
      const fired = oneEvent(el, 'convene-error');
      await choose(el, 'Mute microphone');
      const event = await fired;
      expect(event).to.be.instanceOf(ConveneErrorEvent);
      expect(event.detail).to.deep.equal({ code: 'forbidden', message: 'Your role may not mute.' });
      expect(event.bubbles && event.composed).to.equal(true);
      await el.updateComplete;
      const alert = part(el, 'error')!;
      expect(alert.getAttribute('role')).to.equal('alert');
      expect(alert.textContent).to.contain('Your role may not mute.');
      await expect(el).to.be.accessible();
    });

    it('clears the error when dismissed', async () => {
      const client = roomClient(HOST, ada({}, { handRaised: true }));
      client.rejectNext('lowerHand', { code: 'timeout', message: 'No answer.' });
      const el = await controlsFor(client);
      await choose(el, 'Lower hand');
      await waitUntil(() => part(el, 'error'));
      part(el, 'error')!.querySelector('button')!.click();
      await el.updateComplete;
      expect(part(el, 'error')).to.equal(null);
    });
  });

  describe('keyboard', () => {
    it('opens on ArrowDown at the first item, moves with arrows, Home and End, and wraps', async () => {
      const el = await controlsFor(roomClient(HOST, ada({ tracks: { microphone: null } })));
      trigger(el).focus();
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(trigger(el).getAttribute('aria-expanded')).to.equal('true');
      const [mute, change, remove] = items(el);
      expect(focused(el)).to.equal(mute);
      await sendKeys({ press: 'ArrowDown' });
      expect(focused(el)).to.equal(change);
      await sendKeys({ press: 'End' });
      expect(focused(el)).to.equal(remove);
      await sendKeys({ press: 'ArrowDown' });
      expect(focused(el)).to.equal(mute);
      await sendKeys({ press: 'ArrowUp' });
      expect(focused(el)).to.equal(remove);
      await sendKeys({ press: 'Home' });
      expect(focused(el)).to.equal(mute);
    });

    it('opens on ArrowUp at the last item', async () => {
      const el = await controlsFor(roomClient());
      trigger(el).focus();
      await sendKeys({ press: 'ArrowUp' });
      await el.updateComplete;
      const all = items(el);
      expect(focused(el)).to.equal(all[all.length - 1]);
    });

    it('Escape closes the menu and returns focus to the button', async () => {
      const el = await controlsFor(roomClient());
      trigger(el).focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(focused(el)).to.equal(items(el)[0]);
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(trigger(el).getAttribute('aria-expanded')).to.equal('false');
      expect(part(el, 'menu')!.hidden).to.equal(true);
      expect(focused(el)).to.equal(trigger(el));
    });

    it('Enter on an item runs it', async () => {
      const client = roomClient(HOST, ada({ tracks: { microphone: null } }));
      const el = await controlsFor(client);
      trigger(el).focus();
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      await sendKeys({ press: 'Enter' });
      await settle();
      expect(client.calls).to.deep.equal([{ method: 'actions.mute', args: ['ada', 'microphone'] }]);
      expect(focused(el)).to.equal(trigger(el));
    });
  });

  it('speaks Spanish under lang="es"', async () => {
    const client = roomClient(HOST, ada({ tracks: { microphone: null } }));
    const holder = await fixture<HTMLElement>(
      html`<div lang="es">
        <convene-role-controls .client=${client} .peerId=${'ada'}></convene-role-controls>
      </div>`,
    );
    const el = holder.querySelector('convene-role-controls')!;
    await el.updateComplete;
    expect(trigger(el).getAttribute('aria-label')).to.equal('Acciones para Ada Lovelace');
    trigger(el).click();
    await el.updateComplete;
    expect(itemLabels(el)).to.deep.equal([
      'Silenciar micrófono',
      'Cambiar rol…',
      'Expulsar de la sala…',
    ]);
  });
});

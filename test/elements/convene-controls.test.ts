import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { PeerState, Role } from '../../src/client/room-state.ts';
import type { ConveneControls } from '../../src/elements/convene-controls/convene-controls.ts';
import '../../src/elements/convene-controls/define.ts';
import '../../src/elements/convene-room/define.ts';
import { ConveneErrorEvent, ConvenePanelToggleEvent } from '../../src/events/index.ts';
import { makeRole } from '../client/support/room-fixtures.ts';
import { watchListeners } from './support/media.ts';
import { clientWith, makePeer } from './support/mock-room.ts';
import type { MockRoomClient } from './support/mock-room.ts';

const HOST = makeRole('host', { endRoom: true });
const GUEST = makeRole('guest');
/** May show video and a screen, not be heard: a silent presenter. */
const PRESENTER: Role = {
  ...makeRole('presenter'),
  publishParams: { ...GUEST.publishParams, allowed: ['video', 'screen'] },
};
const VIEWER = makeRole('viewer');

interface LocalOptions {
  microphone?: boolean;
  camera?: boolean;
  screen?: boolean;
  handRaised?: boolean;
}

/** The local peer with its microphone and camera on or off (published muted when off). */
function localPeer(options: LocalOptions = {}): PeerState {
  const { microphone = true, camera = true, screen = false, handRaised = false } = options;
  const peer = makePeer('local', {
    name: 'Ada',
    isLocal: true,
    tracks: {
      microphone: { muted: !microphone },
      camera: { muted: !camera },
      ...(screen ? { screen: null } : {}),
    },
  });
  return handRaised ? { ...peer, handRaised: true } : peer;
}

function clientFor(role: Role, options: LocalOptions = {}): MockRoomClient {
  return clientWith([localPeer(options)], { role, roles: { [role.name]: role } });
}

async function controlsFor(client: MockRoomClient): Promise<ConveneControls> {
  return fixture<ConveneControls>(html`<convene-controls .client=${client}></convene-controls>`);
}

function part(controls: ConveneControls, name: string): HTMLElement | null {
  return controls.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

function control(controls: ConveneControls, name: string): HTMLButtonElement {
  const button = part(controls, name);
  if (!(button instanceof HTMLButtonElement)) throw new Error(`no ${name} button`);
  return button;
}

/** The accessible names of the bar's controls, in order (a button's text is its name here). */
function controlNames(controls: ConveneControls): string[] {
  return [...controls.shadowRoot!.querySelectorAll('[part~="control"]')].map((button) =>
    button.querySelector('[part~="label"]')!.textContent!.trim(),
  );
}

function methods(client: MockRoomClient): string[] {
  return client.calls.map((call) => call.method);
}

/** Lets pending promises and the renders they cause settle. */
async function settle(controls: ConveneControls): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await controls.updateComplete;
}

describe('<convene-controls>', () => {
  it('renders a labelled bar of controls for a host', async () => {
    const controls = await controlsFor(clientFor(HOST));
    expect(part(controls, 'base')!.getAttribute('aria-label')).to.equal('Call controls');
    expect(controlNames(controls)).to.deep.equal([
      'Microphone',
      'Camera',
      'Share screen',
      'Raise hand',
      'Reactions',
      'Chat',
      'Participants',
      'End room',
      'Leave',
    ]);
  });

  it('is accessible', async () => {
    const client = clientFor(HOST, { microphone: false });
    client.store.update({ unreadMessages: 2 });
    const controls = await controlsFor(client);
    await expect(controls).to.be.accessible();
  });

  it('survives immediate removal and leaves no subscription or key listener', async () => {
    const client = clientFor(HOST);
    const listeners = watchListeners(document);
    const controls = document.createElement('convene-controls');
    controls.client = client;
    document.body.append(controls);
    await controls.updateComplete;
    expect(client.store.listenerCount).to.be.greaterThan(0);
    expect(listeners.active()).to.be.greaterThan(0);

    controls.remove();
    expect(client.store.listenerCount).to.equal(0);
    expect(listeners.active()).to.equal(0);
  });

  it('takes the room client of the <convene-room> it is in', async () => {
    const client = clientFor(GUEST);
    const room = await fixture(
      html`<convene-room manual .client=${client}
        ><convene-controls></convene-controls
      ></convene-room>`,
    );
    const controls = room.querySelector('convene-controls')!;
    await controls.updateComplete;
    control(controls, 'microphone').click();
    await waitUntil(() => client.calls.length === 1);
    expect(client.calls[0]).to.deep.equal({ method: 'setMicrophoneEnabled', args: [false] });
  });

  describe('what the role permits', () => {
    it('shows a guest no End room', async () => {
      const controls = await controlsFor(clientFor(GUEST));
      expect(part(controls, 'end-room')).to.equal(null);
      expect(controls.shadowRoot!.querySelector('dialog')).to.equal(null);
      expect(controlNames(controls)).to.include('Leave');
    });

    it('shows no microphone to a role that may not publish audio', async () => {
      const controls = await controlsFor(clientFor(PRESENTER));
      expect(part(controls, 'microphone')).to.equal(null);
      expect(part(controls, 'camera')).to.not.equal(null);
      expect(part(controls, 'screen')).to.not.equal(null);
    });

    it('shows a viewer no media toggles, but hand, reactions, panels and Leave', async () => {
      const controls = await controlsFor(clientFor(VIEWER));
      expect(controlNames(controls)).to.deep.equal([
        'Raise hand',
        'Reactions',
        'Chat',
        'Participants',
        'Leave',
      ]);
    });

    it('follows a role change', async () => {
      const client = clientFor(GUEST);
      const controls = await controlsFor(client);
      client.store.update({ role: HOST });
      await controls.updateComplete;
      expect(part(controls, 'end-room')).to.not.equal(null);
      client.store.update({ role: VIEWER });
      await controls.updateComplete;
      expect(part(controls, 'microphone')).to.equal(null);
      expect(part(controls, 'end-room')).to.equal(null);
    });
  });

  describe('toggles', () => {
    it('report the local tracks and hand with aria-pressed, keeping one name', async () => {
      const client = clientFor(GUEST, { microphone: true, camera: false });
      const controls = await controlsFor(client);
      const pressed = (name: string) => control(controls, name).getAttribute('aria-pressed');
      expect([
        pressed('microphone'),
        pressed('camera'),
        pressed('screen'),
        pressed('hand'),
      ]).to.deep.equal(['true', 'false', 'false', 'false']);

      client.store.update({
        peers: {
          local: localPeer({ microphone: false, camera: true, screen: true, handRaised: true }),
        },
      });
      await controls.updateComplete;
      expect([
        pressed('microphone'),
        pressed('camera'),
        pressed('screen'),
        pressed('hand'),
      ]).to.deep.equal(['false', 'true', 'true', 'true']);
      expect(controlNames(controls).slice(0, 4)).to.deep.equal([
        'Microphone',
        'Camera',
        'Share screen',
        'Raise hand',
      ]);
    });

    it('treat an unpublished microphone or camera as off', async () => {
      const client = clientWith([makePeer('local', { isLocal: true })], { role: GUEST });
      const controls = await controlsFor(client);
      expect(control(controls, 'microphone').getAttribute('aria-pressed')).to.equal('false');
      control(controls, 'microphone').click();
      control(controls, 'camera').click();
      await settle(controls);
      expect(client.calls).to.deep.equal([
        { method: 'setMicrophoneEnabled', args: [true] },
        { method: 'setCameraEnabled', args: [true] },
      ]);
    });

    it('call the client with the opposite of the current state', async () => {
      const client = clientFor(GUEST, { microphone: true, camera: false });
      const controls = await controlsFor(client);
      for (const name of ['microphone', 'camera', 'screen', 'hand'])
        control(controls, name).click();
      await settle(controls);
      expect(client.calls).to.deep.equal([
        { method: 'setMicrophoneEnabled', args: [false] },
        { method: 'setCameraEnabled', args: [true] },
        { method: 'startScreenShare', args: [] },
        { method: 'raiseHand', args: [] },
      ]);
    });

    it('stop a share and lower a raised hand', async () => {
      const client = clientFor(GUEST, { screen: true, handRaised: true });
      const controls = await controlsFor(client);
      control(controls, 'screen').click();
      control(controls, 'hand').click();
      await settle(controls);
      expect(methods(client)).to.deep.equal(['stopScreenShare', 'lowerHand']);
    });

    it('Leave calls leave()', async () => {
      const client = clientFor(GUEST);
      const controls = await controlsFor(client);
      control(controls, 'leave').click();
      await settle(controls);
      expect(client.leaves).to.equal(1);
    });
  });

  describe('keyboard map', () => {
    it('Ctrl+D, Ctrl+E and Alt+H toggle microphone, camera and hand', async () => {
      const client = clientFor(GUEST);
      const controls = await controlsFor(client);
      await sendKeys({ press: 'Control+d' });
      await sendKeys({ press: 'Control+e' });
      await sendKeys({ press: 'Alt+h' });
      await settle(controls);
      expect(client.calls).to.deep.equal([
        { method: 'setMicrophoneEnabled', args: [false] },
        { method: 'setCameraEnabled', args: [false] },
        { method: 'raiseHand', args: [] },
      ]);
    });

    it('announces its keys on the toggles', async () => {
      const controls = await controlsFor(clientFor(GUEST));
      expect(control(controls, 'microphone').getAttribute('aria-keyshortcuts')).to.equal(
        'Control+D Meta+D',
      );
      expect(control(controls, 'hand').getAttribute('aria-keyshortcuts')).to.equal('Alt+H');
      expect(control(controls, 'chat').getAttribute('aria-keyshortcuts')).to.equal('Alt+C');
    });

    it('Alt+C opens and closes the chat', async () => {
      const controls = await controlsFor(clientFor(GUEST));
      const toggles: unknown[] = [];
      controls.addEventListener('convene-panel-toggle', (event) =>
        toggles.push((event as CustomEvent).detail),
      );
      await sendKeys({ press: 'Alt+c' });
      controls.openPanel = 'chat';
      await controls.updateComplete;
      await sendKeys({ press: 'Alt+c' });
      expect(toggles).to.deep.equal([
        { panel: 'chat', open: true },
        { panel: 'chat', open: false },
      ]);
    });

    it('is ignored while typing in an input, a textarea or editable content', async () => {
      const client = clientFor(GUEST);
      const box = await fixture<HTMLDivElement>(
        html`<div>
          <convene-controls .client=${client}></convene-controls>
          <input aria-label="Message" />
          <textarea aria-label="Notes"></textarea>
          <div contenteditable="true" aria-label="Editor" role="textbox"></div>
        </div>`,
      );
      for (const selector of ['input', 'textarea', '[contenteditable]']) {
        box.querySelector<HTMLElement>(selector)!.focus();
        await sendKeys({ press: 'Control+d' });
        await sendKeys({ press: 'Alt+h' });
      }
      await settle(box.querySelector('convene-controls')!);
      expect(client.calls).to.deep.equal([]);
    });

    it('leaves Ctrl+D alone for a role without a microphone', async () => {
      const client = clientFor(PRESENTER);
      await controlsFor(client);
      const event = new KeyboardEvent('keydown', {
        key: 'd',
        code: 'KeyD',
        ctrlKey: true,
        bubbles: true,
        cancelable: true,
      });
      document.body.dispatchEvent(event);
      expect(event.defaultPrevented).to.equal(false);
      expect(client.calls).to.deep.equal([]);
    });

    it('toggles once with two bars on the page', async () => {
      const client = clientFor(GUEST);
      await fixture(
        html`<div>
          <convene-controls .client=${client}></convene-controls>
          <convene-controls .client=${client}></convene-controls>
        </div>`,
      );
      await sendKeys({ press: 'Control+d' });
      await new Promise((resolve) => setTimeout(resolve));
      expect(methods(client)).to.deep.equal(['setMicrophoneEnabled']);
    });

    it('stops listening once removed', async () => {
      const client = clientFor(GUEST);
      const controls = await controlsFor(client);
      controls.remove();
      await sendKeys({ press: 'Control+d' });
      await new Promise((resolve) => setTimeout(resolve));
      expect(client.calls).to.deep.equal([]);
    });
  });

  describe('panels', () => {
    it('Chat and Participants fire convene-panel-toggle and open nothing themselves', async () => {
      const controls = await controlsFor(clientFor(GUEST));
      setTimeout(() => control(controls, 'chat').click());
      const event = await oneEvent(controls, 'convene-panel-toggle');
      expect(event).to.be.instanceOf(ConvenePanelToggleEvent);
      expect(event.detail).to.deep.equal({ panel: 'chat', open: true });
      expect(event.bubbles && event.composed).to.equal(true);
      expect(control(controls, 'chat').getAttribute('aria-expanded')).to.equal('false');
    });

    it('show the open panel with aria-expanded, and ask to close it', async () => {
      const controls = await fixture<ConveneControls>(
        html`<convene-controls
          open-panel="participants"
          .client=${clientFor(GUEST)}
        ></convene-controls>`,
      );
      expect(control(controls, 'participants').getAttribute('aria-expanded')).to.equal('true');
      expect(control(controls, 'chat').getAttribute('aria-expanded')).to.equal('false');

      setTimeout(() => control(controls, 'participants').click());
      const event = await oneEvent(controls, 'convene-panel-toggle');
      expect(event.detail).to.deep.equal({ panel: 'participants', open: false });

      controls.openPanel = 'chat';
      await controls.updateComplete;
      expect(control(controls, 'chat').getAttribute('aria-expanded')).to.equal('true');
      expect(control(controls, 'participants').getAttribute('aria-expanded')).to.equal('false');
    });

    it('Chat shows the unread count as a badge, described for screen readers', async () => {
      const client = clientFor(GUEST);
      const controls = await controlsFor(client);
      expect(part(controls, 'badge')).to.equal(null);
      expect(control(controls, 'chat').hasAttribute('aria-describedby')).to.equal(false);

      client.store.update({ unreadMessages: 3 });
      await controls.updateComplete;
      const chat = control(controls, 'chat');
      expect(part(controls, 'badge')!.textContent!.trim()).to.equal('3');
      expect(part(controls, 'badge')!.getAttribute('aria-hidden')).to.equal('true');
      const description = controls.shadowRoot!.getElementById(
        chat.getAttribute('aria-describedby')!,
      )!;
      expect(description.textContent!.trim()).to.equal('3 unread messages');

      client.store.update({ unreadMessages: 1 });
      await controls.updateComplete;
      expect(description.textContent!.trim()).to.equal('1 unread message');
      client.store.update({ unreadMessages: 250 });
      await controls.updateComplete;
      expect(part(controls, 'badge')!.textContent!.trim()).to.equal('99+');
    });
  });

  describe('reactions', () => {
    it('open a popover of emoji and send the one picked as a reaction', async () => {
      const client = clientFor(GUEST);
      const controls = await controlsFor(client);
      const button = control(controls, 'reactions');
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      expect(button.getAttribute('aria-controls')).to.equal('reactions-menu');
      expect(part(controls, 'reactions-menu')!.hidden).to.equal(true);

      button.click();
      await controls.updateComplete;
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      const first = part(controls, 'reaction')!;
      expect(controls.shadowRoot!.activeElement).to.equal(first);
      expect(first.getAttribute('aria-label')).to.equal('Thumbs up');

      first.click();
      await settle(controls);
      expect(client.calls).to.deep.equal([
        { method: 'sendMessage', args: ['👍', { type: 'reaction' }] },
      ]);
      expect(part(controls, 'reactions-menu')!.hidden).to.equal(true);
      expect(controls.shadowRoot!.activeElement).to.equal(button);
    });

    it('close on Escape, focus back on their button, sending nothing', async () => {
      const client = clientFor(GUEST);
      const controls = await controlsFor(client);
      control(controls, 'reactions').click();
      await controls.updateComplete;
      await sendKeys({ press: 'Escape' });
      await controls.updateComplete;
      expect(part(controls, 'reactions-menu')!.hidden).to.equal(true);
      expect(controls.shadowRoot!.activeElement).to.equal(control(controls, 'reactions'));
      expect(client.calls).to.deep.equal([]);
    });
  });

  describe('end room', () => {
    async function openDialog(client: MockRoomClient) {
      const controls = await controlsFor(client);
      const endRoom = control(controls, 'end-room');
      endRoom.click();
      await controls.updateComplete;
      const dialog = controls.shadowRoot!.querySelector('dialog')!;
      return { controls, endRoom, dialog };
    }

    it('asks first, in a modal dialog with focus moved in', async () => {
      const client = clientFor(HOST);
      const { controls, endRoom, dialog } = await openDialog(client);
      expect(endRoom.getAttribute('aria-haspopup')).to.equal('dialog');
      expect(dialog.open).to.equal(true);
      expect(dialog.matches(':modal')).to.equal(true);
      expect(controls.shadowRoot!.activeElement).to.equal(part(controls, 'dialog-cancel'));
      expect(client.calls).to.deep.equal([]);
      await expect(controls).to.be.accessible();
    });

    it('Cancel ends nothing and gives focus back to End room', async () => {
      const client = clientFor(HOST);
      const { controls, endRoom, dialog } = await openDialog(client);
      control(controls, 'dialog-cancel').click();
      await settle(controls);
      expect(dialog.open).to.equal(false);
      expect(controls.shadowRoot!.activeElement).to.equal(endRoom);
      expect(client.calls).to.deep.equal([]);
    });

    it('Escape ends nothing', async () => {
      const client = clientFor(HOST);
      const { controls, dialog } = await openDialog(client);
      await sendKeys({ press: 'Escape' });
      await settle(controls);
      expect(dialog.open).to.equal(false);
      expect(client.calls).to.deep.equal([]);
    });

    it('confirming ends the room, unlocked by default', async () => {
      const client = clientFor(HOST);
      const { controls, dialog } = await openDialog(client);
      control(controls, 'dialog-confirm').click();
      await settle(controls);
      expect(dialog.open).to.equal(false);
      expect(client.calls).to.deep.equal([
        { method: 'actions.endRoom', args: [undefined, { lock: false }] },
      ]);
    });

    it('confirming with "Lock the room" ends it locked', async () => {
      const client = clientFor(HOST);
      const { controls } = await openDialog(client);
      const lock = part(controls, 'lock')!;
      expect(lock.textContent!.trim()).to.equal('Lock the room');
      lock.querySelector('input')!.click();
      control(controls, 'dialog-confirm').click();
      await settle(controls);
      expect(client.calls).to.deep.equal([
        { method: 'actions.endRoom', args: [undefined, { lock: true }] },
      ]);
    });
  });

  describe('errors', () => {
    it('shows a refused call in an alert and fires convene-error', async () => {
      const client = clientFor(GUEST);
      client.failures.set('setMicrophoneEnabled', {
        code: 'forbidden',
        message: 'Your role may not publish audio.',
      });
      const controls = await controlsFor(client);
      setTimeout(() => control(controls, 'microphone').click());
      const event = await oneEvent(controls, 'convene-error');
      expect(event).to.be.instanceOf(ConveneErrorEvent);
      expect(event.detail).to.deep.equal({
        code: 'forbidden',
        message: 'Your role may not publish audio.',
      });
      await controls.updateComplete;
      const alert = part(controls, 'error-message')!;
      expect(alert.getAttribute('role')).to.equal('alert');
      expect(alert.textContent!.trim()).to.equal(
        'The microphone could not be changed: Your role may not publish audio.',
      );
      await expect(controls).to.be.accessible();

      control(controls, 'error-dismiss').click();
      await controls.updateComplete;
      expect(alert.textContent!.trim()).to.equal('');
      expect(part(controls, 'error-dismiss')).to.equal(null);
    });

    it('fires no second convene-error for a failure the client reported itself', async () => {
      const client = clientFor(GUEST);
      const refusal = { code: 'media_failed', message: 'Could not change the camera' };
      // As the real client does for media: record the error (and emit it), then reject.
      client.setCameraEnabled = async () => {
        client.store.update({ error: refusal });
        throw Object.assign(new Error(refusal.message), refusal);
      };
      const controls = await controlsFor(client);
      const fired: Event[] = [];
      controls.addEventListener('convene-error', (event) => fired.push(event));
      control(controls, 'camera').click();
      await settle(controls);
      expect(part(controls, 'error-message')!.textContent!.trim()).to.equal(
        'The camera could not be changed: Could not change the camera',
      );
      expect(fired).to.have.length(0);
    });

    it('shows a failed end of the room', async () => {
      const client = clientFor(HOST);
      client.failures.set('actions.endRoom', { code: 'timeout', message: 'No answer.' });
      const controls = await controlsFor(client);
      control(controls, 'end-room').click();
      await controls.updateComplete;
      control(controls, 'dialog-confirm').click();
      await settle(controls);
      expect(part(controls, 'error-message')!.textContent!.trim()).to.equal(
        'The room could not be ended: No answer.',
      );
    });

    it('clears the error once the same control succeeds', async () => {
      const client = clientFor(GUEST);
      client.failures.set('raiseHand', { code: 'timeout', message: 'No answer.' });
      const controls = await controlsFor(client);
      control(controls, 'hand').click();
      await settle(controls);
      expect(part(controls, 'error-message')!.textContent).to.include('No answer.');
      control(controls, 'hand').click();
      await settle(controls);
      expect(part(controls, 'error-message')!.textContent!.trim()).to.equal('');
    });
  });

  describe('layout', () => {
    it('hides the labels on a narrow bar, keeping the names', async () => {
      const box = await fixture<HTMLDivElement>(
        html`<div style="inline-size: 320px">
          <convene-controls .client=${clientFor(GUEST)}></convene-controls>
        </div>`,
      );
      const controls = box.querySelector('convene-controls')!;
      const label = control(controls, 'microphone').querySelector('[part~="label"]')!;
      expect(label.getBoundingClientRect().width).to.be.at.most(1);
      expect(label.textContent!.trim()).to.equal('Microphone');
      await expect(controls).to.be.accessible();
    });

    it('shows the labels on a wide bar', async () => {
      const box = await fixture<HTMLDivElement>(
        html`<div style="inline-size: 1000px">
          <convene-controls .client=${clientFor(GUEST)}></convene-controls>
        </div>`,
      );
      const controls = box.querySelector('convene-controls')!;
      const label = control(controls, 'microphone').querySelector('[part~="label"]')!;
      expect(label.getBoundingClientRect().width).to.be.greaterThan(20);
    });
  });

  describe('slots and languages', () => {
    it('puts start and end content around the controls', async () => {
      const controls = await fixture<ConveneControls>(
        html`<convene-controls .client=${clientFor(GUEST)}>
          <span slot="start">Brand</span><button slot="end">Extra</button>
        </convene-controls>`,
      );
      const slots = [...controls.shadowRoot!.querySelectorAll('slot')];
      expect(slots.map((slot) => slot.name)).to.deep.equal(['start', 'end']);
      expect(slots[0]!.assignedElements()[0]!.textContent).to.equal('Brand');
      expect(slots[1]!.assignedElements()[0]!.textContent).to.equal('Extra');
    });

    it('speaks Spanish inside lang="es"', async () => {
      const client = clientFor(HOST);
      client.store.update({ unreadMessages: 2 });
      const box = await fixture<HTMLDivElement>(
        html`<div lang="es"><convene-controls .client=${client}></convene-controls></div>`,
      );
      const controls = box.querySelector('convene-controls')!;
      expect(part(controls, 'base')!.getAttribute('aria-label')).to.equal(
        'Controles de la llamada',
      );
      expect(controlNames(controls)).to.deep.equal([
        'Micrófono',
        'Cámara',
        'Compartir pantalla',
        'Levantar la mano',
        'Reacciones',
        'Chat',
        'Participantes',
        'Finalizar sala',
        'Salir',
      ]);
      expect(
        controls.shadowRoot!.getElementById('unread-description')!.textContent!.trim(),
      ).to.equal('2 mensajes sin leer');
      expect(part(controls, 'dialog-title')!.textContent!.trim()).to.equal(
        '¿Finalizar la sala para todos?',
      );
    });
  });
});

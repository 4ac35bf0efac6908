import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { ActionRequest, PeerState } from '../../src/client/room-state.ts';
import '../../src/elements/convene-room/define.ts';
import '../../src/elements/convene-toasts/define.ts';
import type { ConveneToasts } from '../../src/elements/convene-toasts/convene-toasts.ts';
import { watchListeners } from './support/media.ts';
import { MockRoomClient, clientWith, makePeer } from './support/mock-room.ts';

const nextTask = () => new Promise((resolve) => setTimeout(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const me = makePeer('local', { name: 'Me', isLocal: true });
const ada = makePeer('ada', { name: 'Ada' });

/** A client in a room with me and Ada. */
const inRoom = () => clientWith([me, ada]);

async function toastsFor(
  client: MockRoomClient,
  attributes: Partial<Pick<ConveneToasts, 'duration' | 'max' | 'presenceLimit'>> = {},
): Promise<ConveneToasts> {
  const el = await fixture<ConveneToasts>(
    html`<convene-toasts .client=${client}></convene-toasts>`,
  );
  Object.assign(el, attributes);
  await el.updateComplete;
  return el;
}

function part(el: ConveneToasts, name: string): HTMLElement {
  return el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
}

/** The toasts' texts in one region, or in both (alerts first), as a person reads them. */
function messages(el: ConveneToasts, region?: 'alerts' | 'status'): string[] {
  const root = region ? part(el, region) : el.shadowRoot!;
  return [...root.querySelectorAll('[part~="message"]')].map((m) => m.textContent!.trim());
}

async function settled(el: ConveneToasts): Promise<void> {
  await nextTask();
  await el.updateComplete;
}

function join(client: MockRoomClient, ...peers: PeerState[]): void {
  client.store.update((state) => ({
    ...state,
    peers: { ...state.peers, ...Object.fromEntries(peers.map((peer) => [peer.id, peer])) },
    peerOrder: [...state.peerOrder, ...peers.map((peer) => peer.id)],
  }));
}

function leave(client: MockRoomClient, id: string): void {
  client.store.update((state) => {
    const { [id]: _gone, ...peers } = state.peers;
    return { ...state, peers, peerOrder: state.peerOrder.filter((peerId) => peerId !== id) };
  });
}

function request(overrides: Partial<ActionRequest> = {}): ActionRequest {
  return {
    id: 'request-1',
    kind: 'unmute',
    source: 'microphone',
    from: { peerId: 'ada', name: 'Ada', role: 'host' },
    expiresAt: new Date(Date.now() + 60_000).toISOString(),
    ...overrides,
  };
}

function ask(client: MockRoomClient, pending: ActionRequest): void {
  client.store.update((state) => ({
    ...state,
    pendingRequests: [...state.pendingRequests, pending],
  }));
  client.emit('actionRequested', pending);
}

function button(el: ConveneToasts, name: string): HTMLButtonElement {
  const found = [...el.shadowRoot!.querySelectorAll('button')].find(
    (candidate) => (candidate.getAttribute('aria-label') ?? candidate.textContent!.trim()) === name,
  );
  if (!found) throw new Error(`no button named ${name}`);
  return found;
}

describe('<convene-toasts>', () => {
  afterEach(() => document.documentElement.removeAttribute('lang'));

  it('renders a polite and an assertive live region, empty until something happens', async () => {
    const el = await toastsFor(inRoom());

    expect(part(el, 'status').getAttribute('role')).to.equal('status');
    expect(part(el, 'alerts').getAttribute('role')).to.equal('alert');
    expect(messages(el)).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('is accessible with a toast of every kind shown', async () => {
    const client = inRoom();
    const el = await toastsFor(client);
    join(client, makePeer('bob', { name: 'Bob' }));
    client.emit('error', { code: 'forbidden', message: 'Not allowed' });
    ask(client, request());
    await settled(el);

    expect(messages(el)).to.have.length(3);
    await expect(el).to.be.accessible();
  });

  it('survives immediate removal', async () => {
    const client = inRoom();
    const el = document.createElement('convene-toasts');
    el.client = client;
    document.body.append(el);
    el.remove();
    await el.updateComplete;
    expect(client.store.listenerCount).to.equal(0);
  });

  it('leaves no store subscription, client listener or timer behind when removed', async () => {
    const client = inRoom();
    const listeners = watchListeners(client);
    const el = await toastsFor(client, { duration: 50 });
    ask(client, request());
    join(client, makePeer('bob', { name: 'Bob' }));
    await settled(el);
    expect(listeners.active()).to.be.greaterThan(0);

    el.remove();
    expect(client.store.listenerCount).to.equal(0);
    expect(listeners.active()).to.equal(0);
    await sleep(80);
    expect(messages(el)).to.deep.equal([]);
  });

  it('takes the client from the <convene-room> around it', async () => {
    const client = inRoom();
    const room = await fixture(
      html`<convene-room manual .client=${client}><convene-toasts></convene-toasts></convene-room>`,
    );
    const el = room.querySelector('convene-toasts')!;
    await el.updateComplete;
    join(client, makePeer('bob', { name: 'Bob' }));
    await settled(el);

    expect(messages(el)).to.deep.equal(['Bob joined']);
  });

  describe('peers joining and leaving', () => {
    it('says nothing of the peers already there when I join', async () => {
      const client = new MockRoomClient();
      const el = await toastsFor(client);
      client.store.update({ connection: 'connecting' });
      client.store.update({
        connection: 'connected',
        localPeerId: 'local',
        peers: { local: me, ada, bob: makePeer('bob', { name: 'Bob' }) },
        peerOrder: ['local', 'ada', 'bob'],
      });
      await settled(el);

      expect(messages(el)).to.deep.equal([]);
    });

    it('says nothing when leaving empties the peer list', async () => {
      const client = inRoom();
      const el = await toastsFor(client);
      await client.leave();
      client.store.update({ peers: {}, peerOrder: [], localPeerId: undefined });
      await settled(el);

      expect(messages(el)).to.deep.equal([]);
    });

    it('tells of a peer joining and one leaving after that', async () => {
      const client = inRoom();
      const el = await toastsFor(client);
      join(client, makePeer('bob', { name: 'Bob' }));
      await settled(el);
      expect(messages(el, 'status')).to.deep.equal(['Bob joined']);

      leave(client, 'ada');
      await settled(el);
      expect(messages(el, 'status')).to.deep.equal(['Bob joined', 'Ada left']);
    });

    it('tells a burst of joins as one toast', async () => {
      const client = inRoom();
      const el = await toastsFor(client);
      join(client, makePeer('bob', { name: 'Bob' }));
      join(client, makePeer('cy', { name: 'Cy' }));
      await settled(el);
      expect(messages(el)).to.deep.equal(['Bob and Cy joined']);

      join(client, makePeer('dee', { name: 'Dee' }), makePeer('eve', { name: 'Eve' }));
      await settled(el);
      expect(messages(el)).to.deep.equal(['Bob and 3 others joined']);
    });

    it('stays quiet about joins and leaves in a room bigger than presence-limit', async () => {
      const client = inRoom();
      const el = await toastsFor(client, { presenceLimit: 2 });
      join(client, makePeer('bob', { name: 'Bob' }));
      await settled(el);

      expect(messages(el)).to.deep.equal([]);
    });

    it('turns kinds off with silent-types', async () => {
      const client = inRoom();
      const el = await fixture<ConveneToasts>(
        html`<convene-toasts silent-types="join hand" .client=${client}></convene-toasts>`,
      );
      expect(el.silentTypes).to.deep.equal(['join', 'hand']);
      join(client, makePeer('bob', { name: 'Bob', isLocal: false }));
      client.store.updatePeer('ada', (peer) => ({ ...peer, handRaised: true }));
      leave(client, 'bob');
      await settled(el);

      expect(messages(el)).to.deep.equal(['Bob left']);
    });
  });

  it('tells of a hand raised, not of my own', async () => {
    const client = inRoom();
    const el = await toastsFor(client);
    client.store.updatePeer('local', (peer) => ({ ...peer, handRaised: true }));
    client.store.updatePeer('ada', (peer) => ({ ...peer, handRaised: true }));
    await settled(el);

    expect(messages(el, 'status')).to.deep.equal(['Ada raised their hand']);
  });

  it('shows reconnecting until reconnected, then "Reconnected" briefly', async () => {
    const client = inRoom();
    const el = await toastsFor(client, { duration: 60 });
    client.store.update({ connection: 'reconnecting' });
    client.emit('reconnecting', { attempt: 1 });
    await settled(el);
    expect(messages(el, 'status')).to.deep.equal(['Connection lost. Reconnecting…']);
    client.emit('reconnecting', { attempt: 2 });
    await sleep(120);
    await el.updateComplete;
    expect(messages(el)).to.deep.equal(['Connection lost. Reconnecting…']);

    client.store.update({ connection: 'connected' });
    client.emit('reconnected', { resumed: true });
    await settled(el);
    expect(messages(el)).to.deep.equal(['Reconnected']);
    await waitUntil(() => messages(el).length === 0, 'Reconnected did not leave', {
      timeout: 1000,
    });
  });

  it('says "Reconnected" even when the reconnecting toast was dismissed', async () => {
    const client = inRoom();
    const el = await toastsFor(client);
    client.emit('reconnecting', { attempt: 1 });
    await settled(el);
    button(el, 'Dismiss').click();
    client.emit('reconnected', { resumed: false });
    await settled(el);

    expect(messages(el)).to.deep.equal(['Reconnected']);
  });

  it('drops the reconnecting toast when reconnecting gives up, keeping the error', async () => {
    const client = inRoom();
    const el = await toastsFor(client);
    client.emit('reconnecting', { attempt: 1 });
    client.store.update({ connection: 'failed' });
    client.emit('error', { code: 'reconnect_failed', message: 'Could not reconnect' });
    await settled(el);

    expect(messages(el)).to.deep.equal(['Could not reconnect']);
  });

  it('shows an error the client reports in the assertive region, until dismissed', async () => {
    const client = inRoom();
    const el = await toastsFor(client, { duration: 30 });
    client.emit('error', { code: 'consume_failed', message: 'Could not receive camera' });
    await settled(el);
    expect(messages(el, 'alerts')).to.deep.equal(['Could not receive camera']);

    await sleep(80);
    expect(messages(el, 'alerts')).to.deep.equal(['Could not receive camera']);
    button(el, 'Dismiss').click();
    await el.updateComplete;
    expect(messages(el)).to.deep.equal([]);
  });

  it('renders text from peers as text, never as HTML', async () => {
    const client = inRoom();
    const el = await toastsFor(client);
    join(client, makePeer('bob', { name: '<img src=x onerror=alert(1)>' }));
    await settled(el);

    expect(messages(el)).to.deep.equal(['<img src=x onerror=alert(1)> joined']);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('tells me my role changed', async () => {
    const client = inRoom();
    const el = await toastsFor(client);
    client.emit('roleChanged', { role: 'guest', by: null });
    await settled(el);

    expect(messages(el, 'status')).to.deep.equal(['You are now a guest']);
  });

  describe('requests aimed at me', () => {
    it('asks in the assertive region, with Accept and Decline and no Dismiss', async () => {
      const client = inRoom();
      const el = await toastsFor(client);
      ask(client, request());
      ask(
        client,
        request({ id: 'request-2', kind: 'changeRole', role: 'host', source: undefined }),
      );
      await settled(el);

      expect(messages(el, 'alerts')).to.deep.equal([
        'Ada asks you to unmute your microphone',
        'Ada invites you to become host',
      ]);
      const names = [...part(el, 'alerts').querySelectorAll('button')].map((b) =>
        b.textContent!.trim(),
      );
      expect(names).to.deep.equal(['Accept', 'Decline', 'Accept', 'Decline']);
    });

    it('shows the requests already waiting when it connects', async () => {
      const client = inRoom();
      client.store.update({ pendingRequests: [request({ from: null })] });
      const el = await toastsFor(client);

      expect(messages(el, 'alerts')).to.deep.equal(['The room asks you to unmute your microphone']);
    });

    it('accepts through the client and goes', async () => {
      const client = inRoom();
      const el = await toastsFor(client);
      ask(client, request());
      await settled(el);
      button(el, 'Accept').click();
      await settled(el);

      expect(client.calls).to.deep.include({ method: 'actions.accept', args: ['request-1'] });
      expect(messages(el)).to.deep.equal([]);
    });

    it('declines through the client and goes', async () => {
      const client = inRoom();
      const el = await toastsFor(client);
      ask(client, request());
      await settled(el);
      button(el, 'Decline').click();
      await settled(el);

      expect(client.calls).to.deep.include({ method: 'actions.decline', args: ['request-1'] });
      expect(messages(el)).to.deep.equal([]);
    });

    it('shows why an accept failed and keeps the request to answer again', async () => {
      const client = inRoom();
      client.failAnswer.accept = { code: 'device_failed', message: 'The microphone is in use' };
      const el = await toastsFor(client);
      ask(client, request());
      await settled(el);
      button(el, 'Accept').click();
      await settled(el);

      expect(messages(el, 'alerts')).to.deep.equal([
        'Ada asks you to unmute your microphone',
        'Could not answer the request: The microphone is in use',
      ]);
      expect(button(el, 'Accept').getAttribute('aria-disabled')).to.equal('false');
    });

    it('goes when the request is closed (answered elsewhere, withdrawn)', async () => {
      const client = inRoom();
      const el = await toastsFor(client);
      ask(client, request());
      await settled(el);
      client.emit('actionRequestClosed', { id: 'request-1', peerId: 'ada', outcome: 'withdrawn' });
      await el.updateComplete;

      expect(messages(el)).to.deep.equal([]);
    });

    it('goes when the store forgets it', async () => {
      const client = inRoom();
      const el = await toastsFor(client);
      ask(client, request());
      await settled(el);
      client.store.update({ pendingRequests: [] });
      await el.updateComplete;

      expect(messages(el)).to.deep.equal([]);
    });

    it('goes when it expires, even while hovered', async () => {
      const client = inRoom();
      const el = await toastsFor(client);
      ask(client, request({ expiresAt: new Date(Date.now() + 80).toISOString() }));
      ask(
        client,
        request({ id: 'request-old', expiresAt: new Date(Date.now() - 1).toISOString() }),
      );
      await settled(el);
      expect(messages(el)).to.have.length(1);
      part(el, 'base').dispatchEvent(new PointerEvent('pointerenter'));

      await waitUntil(() => messages(el).length === 0, 'the request did not expire', {
        timeout: 1000,
      });
    });

    it('is reachable from the keyboard without taking focus when it arrives', async () => {
      const client = inRoom();
      const before = await fixture<HTMLButtonElement>(html`<button>Before</button>`);
      const el = await toastsFor(client);
      before.after(el);
      before.focus();
      ask(client, request());
      await settled(el);
      expect(document.activeElement).to.equal(before);

      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement).to.equal(button(el, 'Accept'));
      await sendKeys({ press: 'Enter' });
      await settled(el);
      expect(client.calls.map((call) => call.method)).to.include('actions.accept');
    });
  });

  describe('focus', () => {
    it('moves to the next request when the focused one is answered', async () => {
      const client = inRoom();
      const el = await toastsFor(client);
      ask(client, request());
      ask(
        client,
        request({ id: 'request-2', kind: 'changeRole', role: 'host', source: undefined }),
      );
      await settled(el);
      button(el, 'Accept').focus();
      await sendKeys({ press: 'Enter' });
      await settled(el);

      expect(messages(el)).to.deep.equal(['Ada invites you to become host']);
      expect(el.shadowRoot!.activeElement).to.equal(button(el, 'Accept'));
    });

    it('goes back where it came from when the last toast is gone, timers running again', async () => {
      const client = inRoom();
      const before = await fixture<HTMLButtonElement>(html`<button>Before</button>`);
      const el = await toastsFor(client);
      before.after(el);
      ask(client, request());
      await settled(el);
      before.focus();
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Decline');
      await sendKeys({ press: 'Enter' });
      await settled(el);

      expect(messages(el)).to.deep.equal([]);
      expect(document.activeElement).to.equal(before);
      // Focus gone from the toasts, their timers run again.
      el.duration = 50;
      client.emit('roleChanged', { role: 'host', by: null });
      await settled(el);
      await sleep(100);
      await el.updateComplete;
      expect(messages(el)).to.deep.equal([]);
    });
  });

  describe('timing', () => {
    it('lets informational toasts go after `duration`', async () => {
      const client = inRoom();
      const el = await toastsFor(client, { duration: 50 });
      client.emit('roleChanged', { role: 'host', by: null });
      await settled(el);
      expect(messages(el)).to.have.length(1);

      await sleep(100);
      await el.updateComplete;
      expect(messages(el)).to.deep.equal([]);
    });

    it('holds them while hovered, and lets them go after', async () => {
      const client = inRoom();
      const el = await toastsFor(client, { duration: 50 });
      client.emit('roleChanged', { role: 'host', by: null });
      await settled(el);
      part(el, 'base').dispatchEvent(new PointerEvent('pointerenter'));
      await sleep(100);
      await el.updateComplete;
      expect(messages(el)).to.have.length(1);

      part(el, 'base').dispatchEvent(new PointerEvent('pointerleave'));
      await sleep(100);
      await el.updateComplete;
      expect(messages(el)).to.deep.equal([]);
    });

    it('holds them while focus is in them', async () => {
      const client = inRoom();
      const el = await toastsFor(client, { duration: 50 });
      client.emit('roleChanged', { role: 'host', by: null });
      await settled(el);
      button(el, 'Dismiss').focus();
      await sleep(100);
      await el.updateComplete;
      expect(messages(el)).to.have.length(1);

      button(el, 'Dismiss').blur();
      await sleep(100);
      await el.updateComplete;
      expect(messages(el)).to.deep.equal([]);
    });

    it('closes a toast with Dismiss or Escape', async () => {
      const client = inRoom();
      const el = await toastsFor(client);
      client.emit('roleChanged', { role: 'host', by: null });
      client.emit('error', { code: 'forbidden', message: 'Not allowed' });
      await settled(el);
      button(el, 'Dismiss').click();
      await el.updateComplete;
      expect(messages(el)).to.deep.equal(['You are now a host']);

      button(el, 'Dismiss').focus();
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(messages(el)).to.deep.equal([]);
    });
  });

  it('shows at most `max`, the oldest going first, never a waiting request', async () => {
    const client = inRoom();
    const el = await toastsFor(client, { max: 3 });
    ask(client, request());
    for (const role of ['a', 'b', 'c', 'd']) client.emit('roleChanged', { role, by: null });
    await settled(el);

    expect(messages(el)).to.deep.equal([
      'Ada asks you to unmute your microphone',
      'You are now a c',
      'You are now a d',
    ]);
  });

  it('places itself at the top end, or the bottom centre, in logical properties', async () => {
    const el = await toastsFor(inRoom());
    const style = getComputedStyle(el);
    expect(style.position).to.equal('fixed');
    expect(el.getAttribute('placement')).to.equal('top-end');

    document.documentElement.dir = 'rtl';
    try {
      const box = el.getBoundingClientRect();
      expect(box.left).to.be.lessThan(window.innerWidth / 2);
    } finally {
      document.documentElement.dir = '';
    }
    el.placement = 'bottom-center';
    await el.updateComplete;
    const box = el.getBoundingClientRect();
    expect(Math.abs(box.left + box.width / 2 - window.innerWidth / 2)).to.be.lessThan(2);
  });

  it('does not slide in when motion is reduced', async () => {
    const client = inRoom();
    const el = await toastsFor(client);
    client.emit('roleChanged', { role: 'host', by: null });
    await settled(el);
    const toast = part(el, 'toast');
    expect(getComputedStyle(toast).animationName).to.equal('enter');

    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      expect(getComputedStyle(toast).animationName).to.equal('none');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('speaks Spanish under lang="es"', async () => {
    document.documentElement.lang = 'es';
    const client = inRoom();
    const el = await toastsFor(client);
    join(client, makePeer('bob', { name: 'Bob' }));
    ask(client, request());
    await settled(el);

    expect(messages(el)).to.deep.equal(['Ada te pide que actives el micrófono', 'Bob se ha unido']);
    expect(button(el, 'Aceptar').textContent!.trim()).to.equal('Aceptar');
    expect(button(el, 'Descartar').getAttribute('aria-label')).to.equal('Descartar');
  });
});

import { ContextConsumer } from '@lit/context';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { selectConnection } from '../../src/client/room-store.ts';
import { roomClientContext } from '../../src/context.ts';
import { StoreController } from '../../src/controllers/store-controller.ts';
import type { ConveneGrid } from '../../src/elements/convene-grid/convene-grid.ts';
import type { ConveneRoom } from '../../src/elements/convene-room/convene-room.ts';
import '../../src/index.ts';
import {
  ConveneErrorEvent,
  ConveneJoinedEvent,
  ConveneLeftEvent,
  ConveneReconnectedEvent,
  ConveneReconnectingEvent,
} from '../../src/events/index.ts';
import { oscillatorAudioTrack, stopTestMedia, watchListeners } from './support/media.ts';
import { MockRoomClient, clientWith, makePeer } from './support/mock-room.ts';

/** An element that reads what the nearest room provides, as app code would. */
class RoomProbe extends LitElement {
  readonly client = new ContextConsumer(this, { context: roomClientContext, subscribe: true });
  readonly connection = new StoreController(this, {
    store: () => this.client.value?.store,
    select: selectConnection,
  });
}
customElements.define('test-room-probe', RoomProbe);

/** Lets the microtasks and the task queued by the last DOM change run. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve));

function status(room: ConveneRoom): string | undefined {
  return room.shadowRoot!.querySelector('[part~="status"]')?.textContent?.trim();
}

describe('<convene-room>', () => {
  afterEach(stopTestMedia);

  it('renders its content and, of its own, only a status for screen readers', async () => {
    const room = await fixture<ConveneRoom>(
      html`<convene-room manual .client=${new MockRoomClient()}>
        <p>Meeting UI</p>
      </convene-room>`,
    );

    expect(room.querySelector('p')!.getBoundingClientRect().height).to.be.greaterThan(0);
    const statusPart = room.shadowRoot!.querySelector<HTMLElement>('[part~="status"]')!;
    expect(statusPart.getAttribute('role')).to.equal('status');
    expect(statusPart.getBoundingClientRect().width).to.be.at.most(1);
    await expect(room).to.be.accessible();
  });

  it('survives immediate removal', async () => {
    const client = new MockRoomClient();
    const room = document.createElement('convene-room');
    room.client = client;
    room.roomCode = 'abc-defg-hij';
    document.body.append(room);
    room.remove();
    await room.updateComplete;
    await nextTask();
    expect(client.joins).to.have.length(0);
    expect(client.store.listenerCount).to.equal(0);
  });

  describe('joining', () => {
    it('joins with its room code and name when added to the page', async () => {
      const client = new MockRoomClient();
      const joined = oneEvent(document, 'convene-joined');
      await fixture(
        html`<convene-room
          room-code="abc-defg-hij"
          name="Ada"
          user-id="ada-1"
          .client=${client}
        ></convene-room>`,
      );

      const event = await joined;
      expect(client.joins).to.deep.equal([
        { roomCode: 'abc-defg-hij', name: 'Ada', userId: 'ada-1', audio: true, video: true },
      ]);
      expect(event).to.be.instanceOf(ConveneJoinedEvent);
      expect(event.detail).to.deep.equal({ peerId: 'local' });
      expect(event.bubbles && event.composed).to.equal(true);
    });

    it('joins with a token, which wins over a room code', async () => {
      const client = new MockRoomClient();
      const room = await fixture<ConveneRoom>(
        html`<convene-room
          token="app.jwt.token"
          room-code="abc-defg-hij"
          .client=${client}
          .video=${false}
        ></convene-room>`,
      );

      await waitUntil(() => client.joins.length === 1);
      expect(client.joins[0]).to.deep.equal({ token: 'app.jwt.token', audio: true, video: false });
      expect(room.client).to.equal(client);
    });

    it('waits for a room code or a token before joining', async () => {
      const client = new MockRoomClient();
      const room = await fixture<ConveneRoom>(
        html`<convene-room .client=${client}></convene-room>`,
      );
      await nextTask();
      expect(client.joins).to.have.length(0);

      room.setAttribute('room-code', 'abc-defg-hij');
      await waitUntil(() => client.joins.length === 1);
    });

    it('with manual, joins only when join() is called, once for concurrent calls', async () => {
      const client = new MockRoomClient();
      const room = await fixture<ConveneRoom>(
        html`<convene-room manual room-code="abc-defg-hij" .client=${client}></convene-room>`,
      );
      await nextTask();
      expect(client.joins).to.have.length(0);

      await Promise.all([room.join(), room.join()]);
      expect(client.joins).to.have.length(1);
      expect(client.store.state.connection).to.equal('connected');
    });

    it('fires one convene-error when the join fails, and join() rejects', async () => {
      const client = new MockRoomClient();
      client.failJoin = { code: 'forbidden', message: 'This room is locked.' };
      const room = await fixture<ConveneRoom>(
        html`<convene-room manual room-code="abc-defg-hij" .client=${client}></convene-room>`,
      );
      const errors: ConveneErrorEvent[] = [];
      room.addEventListener('convene-error', (event) => errors.push(event));

      const failure = await room.join().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).to.include({ code: 'forbidden' });
      expect(errors.map((event) => event.detail)).to.deep.equal([client.failJoin]);
    });

    it('explains a join attempted without a room code or token', async () => {
      const room = await fixture<ConveneRoom>(
        html`<convene-room manual .client=${new MockRoomClient()}></convene-room>`,
      );
      const error = oneEvent(room, 'convene-error');
      await room.join().catch(() => undefined);
      expect((await error).detail.code).to.equal('invalid_request');
      expect((await error).detail.message).to.contain('room-code');
    });

    it('creates a RoomClient for the page origin when given none, loading it on join', async () => {
      const room = await fixture<ConveneRoom>(html`<convene-room manual></convene-room>`);
      expect(room.client).to.equal(undefined);

      // No Convene server behind the test page: the real client's join fails, and says so.
      room.roomCode = 'abc-defg-hij';
      const error = oneEvent(room, 'convene-error');
      await room.join().catch(() => undefined);
      expect((await error).detail.message)
        .to.be.a('string')
        .with.length.greaterThan(0);
      expect(room.client).to.be.instanceOf(EventTarget);
      expect(room.client!.store.state.connection).to.equal('failed');
    });
  });

  it('re-dispatches the client events as convene-* events that cross shadow roots', async () => {
    const client = new MockRoomClient();
    const room = await fixture<ConveneRoom>(
      html`<convene-room manual .client=${client}></convene-room>`,
    );
    const seen: Event[] = [];
    for (const type of [
      'convene-reconnecting',
      'convene-reconnected',
      'convene-left',
      'convene-error',
    ]) {
      document.addEventListener(type, (event) => seen.push(event));
    }

    client.emit('reconnecting', { attempt: 2 });
    client.emit('reconnected', { resumed: true });
    client.emit('error', { code: 'forbidden', message: 'Not allowed to share the screen.' });
    client.emit('left', { reason: 'room-ended' });

    expect(seen.map((event) => event.constructor)).to.deep.equal([
      ConveneReconnectingEvent,
      ConveneReconnectedEvent,
      ConveneErrorEvent,
      ConveneLeftEvent,
    ]);
    expect(seen.map((event) => (event as CustomEvent).detail)).to.deep.equal([
      { attempt: 2 },
      { resumed: true },
      { code: 'forbidden', message: 'Not allowed to share the screen.' },
      { reason: 'room-ended' },
    ]);
    expect(seen.every((event) => event.target === room)).to.equal(true);
  });

  describe('context', () => {
    it('gives its client to the elements inside it', async () => {
      const client = clientWith([
        makePeer('me', { isLocal: true }),
        makePeer('ada', { tracks: { camera: null } }),
      ]);
      const room = await fixture<ConveneRoom>(
        html`<convene-room manual .client=${client}>
          <test-room-probe></test-room-probe>
          <div style="width: 640px; height: 360px"><convene-grid></convene-grid></div>
        </convene-room>`,
      );
      const grid = room.querySelector<ConveneGrid>('convene-grid')!;

      expect(room.querySelector<RoomProbe>('test-room-probe')!.client.value).to.equal(client);
      await waitUntil(() => grid.shadowRoot!.querySelectorAll('convene-tile').length === 2);
      await waitUntil(() => client.lastVisibleTiles?.[0]?.peerId === 'ada');
    });

    it('reaches a grid that was upgraded before its room (markup in the page first)', async () => {
      const client = clientWith([
        makePeer('me', { isLocal: true }),
        makePeer('ada', { tracks: { camera: null } }),
      ]);
      // A room tag not defined yet: the grid inside it upgrades first and asks for a client
      // nobody can give, as when the page's markup is there before convene-room is defined.
      const tag = `late-convene-room-${Math.random().toString(36).slice(2)}`;
      const holder = await fixture<HTMLElement>(html`<div></div>`);
      holder.innerHTML = `<${tag} manual><div style="width: 640px; height: 360px"><convene-grid></convene-grid></div></${tag}>`;
      const late = holder.firstElementChild as ConveneRoom;
      (late as unknown as { client: MockRoomClient }).client = client;
      const grid = late.querySelector<ConveneGrid>('convene-grid')!;
      await grid.updateComplete;
      expect(grid.shadowRoot!.querySelectorAll('convene-tile')).to.have.length(0);

      const RoomElement = customElements.get('convene-room') as typeof ConveneRoom;
      customElements.define(tag, class extends RoomElement {});
      await waitUntil(() => grid.shadowRoot!.querySelectorAll('convene-tile').length === 2);
    });

    it('lets the elements inside read every new room state from its client', async () => {
      const client = new MockRoomClient();
      const room = await fixture<ConveneRoom>(
        html`<convene-room manual .client=${client}>
          <test-room-probe></test-room-probe>
        </convene-room>`,
      );
      const probe = room.querySelector<RoomProbe>('test-room-probe')!;

      client.store.update({ connection: 'reconnecting' });
      await waitUntil(() => probe.connection.value === 'reconnecting');
    });

    it('follows a client that is replaced', async () => {
      const first = new MockRoomClient();
      const second = new MockRoomClient();
      const room = await fixture<ConveneRoom>(
        html`<convene-room manual .client=${first}>
          <test-room-probe></test-room-probe>
        </convene-room>`,
      );
      const probe = room.querySelector<RoomProbe>('test-room-probe')!;

      room.client = second;
      await room.updateComplete;
      expect(probe.client.value).to.equal(second);
      expect(first.store.listenerCount).to.equal(0);
      second.store.update({ connection: 'connecting' });
      await waitUntil(() => probe.connection.value === 'connecting');
    });
  });

  it('announces the connection state in its status part', async () => {
    const client = new MockRoomClient();
    const room = await fixture<ConveneRoom>(
      html`<convene-room manual .client=${client}></convene-room>`,
    );

    client.store.update({ connection: 'reconnecting' });
    await room.updateComplete;
    expect(status(room)).to.equal('Connection lost. Reconnecting…');

    client.store.update({ connection: 'failed', error: { code: 'forbidden', message: 'Locked.' } });
    await room.updateComplete;
    expect(status(room)).to.equal('Could not connect to the room: Locked.');

    client.store.update({
      connection: 'disconnected',
      removed: { reason: 'peer removed', message: 'Be kind.' },
    });
    await room.updateComplete;
    expect(status(room)).to.equal('You were removed from the room: Be kind.');
    client.store.update({ removed: { reason: 'room ended', message: 'Thanks, all.' } });
    await room.updateComplete;
    expect(status(room)).to.equal('The room has ended: Thanks, all.');
  });

  it('announces in the page’s language, and not at all when quiet', async () => {
    const client = new MockRoomClient();
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="de"><convene-room manual .client=${client}></convene-room></div>`,
    );
    const room = wrapper.querySelector<ConveneRoom>('convene-room')!;
    client.store.update({ connection: 'reconnecting' });
    await room.updateComplete;
    expect(status(room)).to.equal('Verbindung verloren. Neuer Versuch…');

    room.quiet = true;
    await room.updateComplete;
    expect(status(room)).to.equal(undefined);
  });

  it('plays the audio of every remote peer, including those off the grid page', async () => {
    const adaMic = oscillatorAudioTrack();
    const bobMic = oscillatorAudioTrack();
    const client = clientWith([
      makePeer('me', { isLocal: true, tracks: { microphone: oscillatorAudioTrack() } }),
      makePeer('ada', { tracks: { camera: null, microphone: adaMic } }),
      makePeer('bob', { tracks: { camera: null, microphone: bobMic } }),
    ]);
    const room = await fixture<ConveneRoom>(
      html`<convene-room manual .client=${client}>
        <div style="width: 640px; height: 360px"><convene-grid page-size="1"></convene-grid></div>
      </convene-room>`,
    );
    await waitUntil(() => client.lastVisibleTiles !== undefined);

    const renderer = room.shadowRoot!.querySelector('convene-audio-renderer')!;
    const played = [...renderer.shadowRoot!.querySelectorAll('audio')].map(
      (audio) => (audio.srcObject as MediaStream).getAudioTracks()[0],
    );
    expect(played).to.deep.equal([adaMic, bobMic]);
  });

  describe('removal', () => {
    it('leaves the room and lets go of the client when removed', async () => {
      const client = new MockRoomClient();
      const listeners = watchListeners(client);
      const room = await fixture<ConveneRoom>(
        html`<convene-room room-code="abc-defg-hij" .client=${client}></convene-room>`,
      );
      await waitUntil(() => client.store.state.connection === 'connected');
      expect(listeners.active()).to.be.greaterThan(0);

      room.remove();
      await waitUntil(() => client.leaves === 1, 'did not leave');
      expect(client.store.listenerCount).to.equal(0);
      expect(listeners.active()).to.equal(0);
    });

    it('does not join when removed before its join reached the client', async () => {
      const client = new MockRoomClient();
      const room = await fixture<ConveneRoom>(
        html`<convene-room manual room-code="abc-defg-hij" .client=${client}></convene-room>`,
      );
      const joining = room.join();
      room.remove();

      const failure = await joining.then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).to.include({ code: 'cancelled' });
      expect(client.joins).to.have.length(0);
    });

    it('leaves once a join that was under way when removed has finished', async () => {
      const client = new MockRoomClient();
      let open = () => {};
      client.joinGate = new Promise((resolve) => (open = resolve));
      const room = await fixture<ConveneRoom>(
        html`<convene-room room-code="abc-defg-hij" .client=${client}></convene-room>`,
      );
      await waitUntil(() => client.store.state.connection === 'connecting');

      room.remove();
      await nextTask();
      expect(client.leaves).to.equal(0);
      open();
      await waitUntil(() => client.leaves === 1, 'did not leave');
      expect(client.store.state.connection).to.equal('disconnected');
    });

    it('stays in the room when moved within the page', async () => {
      const client = new MockRoomClient();
      const room = await fixture<ConveneRoom>(
        html`<convene-room room-code="abc-defg-hij" .client=${client}></convene-room>`,
      );
      await waitUntil(() => client.store.state.connection === 'connected');
      const elsewhere = await fixture<HTMLDivElement>(html`<div></div>`);

      elsewhere.append(room);
      await room.updateComplete;
      await nextTask();
      expect(client.leaves).to.equal(0);
      expect(client.joins).to.have.length(1);
      expect(client.store.listenerCount).to.be.greaterThan(0);
    });
  });
});

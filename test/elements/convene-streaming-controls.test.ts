import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { Role, RoomState } from '../../src/client/room-state.ts';
import '../../src/elements/convene-room/define.ts';
import '../../src/elements/convene-streaming-controls/define.ts';
import '../../src/elements/convene-stream-view/define.ts';
import type { ConveneStreamingControls } from '../../src/elements/convene-streaming-controls/convene-streaming-controls.ts';
import type { ConveneStreamView } from '../../src/elements/convene-stream-view/convene-stream-view.ts';
import type { ConveneErrorEvent } from '../../src/events/index.ts';
import { makeRole } from '../client/support/room-fixtures.ts';
import { clientWith, makePeer } from './support/mock-room.ts';
import type { MockRoomClient } from './support/mock-room.ts';

const HOST = makeRole('host', { hlsStreaming: true, browserRecording: true });
const GUEST = makeRole('guest');
const VIEWER: Role = {
  ...makeRole('viewer'),
  subscribeParams: { subscribeToRoles: [], maxSubsBitRate: 0 },
};

const STOPPED: RoomState['streaming'] = {
  hls: { status: 'stopped' },
  recording: { status: 'stopped' },
};

function clientFor(role: Role, streaming = STOPPED): MockRoomClient {
  const local = makePeer('local', { name: 'Ada', isLocal: true });
  return clientWith([local], { role, roles: { [role.name]: role }, streaming });
}

async function inRoom<T extends HTMLElement>(client: MockRoomClient, tag: string): Promise<T> {
  const room = await fixture(
    html`<convene-room manual .client=${client}>
      ${
        tag === 'controls'
          ? html`<convene-streaming-controls></convene-streaming-controls>`
          : html`<convene-stream-view></convene-stream-view>`
      }
    </convene-room>`,
  );
  const element = room.firstElementChild as T & { updateComplete: Promise<unknown> };
  await element.updateComplete;
  return element;
}

const buttons = (controls: ConveneStreamingControls) =>
  [...controls.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent!.trim());
const badges = (controls: ConveneStreamingControls) =>
  [...controls.shadowRoot!.querySelectorAll('[part="badge"]')].map((b) => b.textContent!.trim());
const failures = (controls: ConveneStreamingControls) =>
  [...controls.shadowRoot!.querySelectorAll('[part="failure"]')].map((f) => f.textContent!.trim());

describe('<convene-streaming-controls>', () => {
  it('offers Go live and Record to a role that may, and asks the client', async () => {
    const client = clientFor(HOST);
    const controls = await inRoom<ConveneStreamingControls>(client, 'controls');
    expect(buttons(controls)).to.deep.equal(['Go live', 'Record']);
    controls.shadowRoot!.querySelector<HTMLButtonElement>('button.hls')!.click();
    await waitUntil(() => client.calls.some((c) => c.method === 'startStreaming'));
    expect(client.calls.find((c) => c.method === 'startStreaming')!.args).to.deep.equal(['hls']);
  });

  it('shows everyone the Live and Recording badges, and a guest no buttons', async () => {
    const client = clientFor(GUEST, {
      hls: { status: 'running', url: '/hls/x/1.y/master.m3u8' },
      recording: { status: 'running' },
    });
    const controls = await inRoom<ConveneStreamingControls>(client, 'controls');
    expect(badges(controls)).to.deep.equal(['Live', 'Recording']);
    expect(buttons(controls)).to.deep.equal([]);
    await expect(controls).to.be.accessible();
  });

  it('says a running stream can be ended, and shows a refusal with convene-error', async () => {
    const client = clientFor(HOST, { ...STOPPED, hls: { status: 'running' } });
    const controls = await inRoom<ConveneStreamingControls>(client, 'controls');
    const end = controls.shadowRoot!.querySelector<HTMLButtonElement>('button.hls')!;
    expect(end.textContent!.trim()).to.equal('End stream');
    expect(end.getAttribute('aria-pressed')).to.equal('true');
    client.failures.set('stopStreaming', { code: 'forbidden', message: 'not now' });
    const failed = oneEvent(controls, 'convene-error') as Promise<ConveneErrorEvent>;
    end.click();
    expect((await failed).detail.code).to.equal('forbidden');
    await waitUntil(() => controls.shadowRoot!.querySelector('[role="alert"]'));
    expect(controls.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('not now');
  });

  it('says a running stream failed and why, in the status region, and offers to go live again', async () => {
    const client = clientFor(HOST, { ...STOPPED, hls: { status: 'running' } });
    const controls = await inRoom<ConveneStreamingControls>(client, 'controls');
    client.store.update({
      streaming: { ...STOPPED, hls: { status: 'failed', error: 'the encoder stopped' } },
    });
    await waitUntil(() => failures(controls).length > 0, 'the failure to show');
    expect(failures(controls)).to.deep.equal(['The live stream failed: the encoder stopped']);
    const failure = controls.shadowRoot!.querySelector('[part="failure"]')!;
    expect(failure.closest('[role="status"]'), 'inside the status region').to.not.equal(null);
    expect(badges(controls)).to.deep.equal([]);
    expect(buttons(controls)).to.deep.equal(['Go live again', 'Record']);
    await expect(controls).to.be.accessible();

    controls.shadowRoot!.querySelector<HTMLButtonElement>('button.hls')!.click();
    await waitUntil(() => client.calls.some((c) => c.method === 'startStreaming'));
    expect(client.calls.find((c) => c.method === 'startStreaming')!.args).to.deep.equal(['hls']);
    client.store.update({ streaming: { ...STOPPED, hls: { status: 'starting' } } });
    await waitUntil(() => failures(controls).length === 0, 'the failure to go once it restarts');
  });

  it('tells a guest a recording failed, without a button to restart it', async () => {
    const client = clientFor(GUEST, { ...STOPPED, recording: { status: 'running' } });
    const controls = await inRoom<ConveneStreamingControls>(client, 'controls');
    client.store.update({
      streaming: { ...STOPPED, recording: { status: 'failed', error: 'the disk is full' } },
    });
    await waitUntil(() => failures(controls).length > 0, 'the failure to show');
    expect(failures(controls)).to.deep.equal(['The recording failed: the disk is full']);
    expect(buttons(controls)).to.deep.equal([]);
  });

  it('offers a role that may record to record again after a recording failed', async () => {
    const client = clientFor(HOST, { ...STOPPED, recording: { status: 'failed', error: 'gone' } });
    const controls = await inRoom<ConveneStreamingControls>(client, 'controls');
    expect(failures(controls)).to.deep.equal(['The recording failed: gone']);
    expect(buttons(controls)).to.deep.equal(['Go live', 'Record again']);
    controls.shadowRoot!.querySelector<HTMLButtonElement>('button.recording')!.click();
    await waitUntil(() => client.calls.some((c) => c.method === 'startStreaming'));
    expect(client.calls.find((c) => c.method === 'startStreaming')!.args).to.deep.equal([
      'recording',
    ]);
  });

  it('shows the server’s reason as text, never as markup', async () => {
    const reason = '<img src="x" onerror="window.__conveneInjected = true"><b>bold</b>';
    const client = clientFor(HOST, { ...STOPPED, hls: { status: 'failed', error: reason } });
    const controls = await inRoom<ConveneStreamingControls>(client, 'controls');
    const failure = controls.shadowRoot!.querySelector('[part="failure"]')!;
    expect(failure.textContent!.trim()).to.equal(`The live stream failed: ${reason}`);
    expect(failure.querySelector('img, b')).to.equal(null);
    expect((window as { __conveneInjected?: boolean }).__conveneInjected).to.equal(undefined);
  });

  it('says a failure without a reason is an unknown error, in the page’s language', async () => {
    const client = clientFor(HOST, { ...STOPPED, hls: { status: 'failed' } });
    const room = await fixture(
      html`<div lang="es">
        <convene-room manual .client=${client}>
          <convene-streaming-controls></convene-streaming-controls>
        </convene-room>
      </div>`,
    );
    const controls = room.querySelector('convene-streaming-controls')!;
    await controls.updateComplete;
    expect(failures(controls)).to.deep.equal([
      'La emisión en directo ha fallado: error desconocido',
    ]);
    expect(buttons(controls)).to.deep.equal(['Volver a emitir', 'Grabar']);
  });
});

describe('<convene-stream-view>', () => {
  it('shows nothing to a role that takes part', async () => {
    const view = await inRoom<ConveneStreamView>(clientFor(GUEST), 'view');
    expect(view.hasAttribute('watching')).to.equal(false);
    expect(view.shadowRoot!.textContent!.trim()).to.equal('');
  });

  it('tells a viewer the stream has not started, then plays it, then says it ended', async () => {
    const client = clientFor(VIEWER);
    const view = await inRoom<ConveneStreamView>(client, 'view');
    expect(view.hasAttribute('watching')).to.equal(true);
    expect(view.shadowRoot!.textContent).to.contain('has not started yet');
    client.store.update({
      streaming: { ...STOPPED, hls: { status: 'running', url: '/hls/s/1.x/master.m3u8' } },
    });
    await waitUntil(() => view.shadowRoot!.querySelector('convene-hls-player'));
    const player = view.shadowRoot!.querySelector('convene-hls-player')!;
    expect(player.getAttribute('src')).to.equal(`${location.origin}/hls/s/1.x/master.m3u8`);
    client.store.update({ streaming: STOPPED });
    await waitUntil(() => view.shadowRoot!.textContent!.includes('The stream has ended.'));
  });
});

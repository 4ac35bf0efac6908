// createFrame, the parent side of the iframe embed, against a stand-in frame that speaks the
// contract (support/fake-frame.html): the iframe it makes, the handshake, commands and their
// replies, events, the origin and source check, resizing and destroy.
import { expect } from '@open-wc/testing';
import { createFrame, EmbedCommandError, FRAME_ALLOW } from '../../src/embed/index.ts';
import type { ConveneFrame, EmbedEvents } from '../../src/embed/index.ts';
import { embedMessage } from '../../src/embed/contract.ts';

const FAKE_FRAME = '/test/embed/support/fake-frame.html';

let container: HTMLElement;
let frames: ConveneFrame[] = [];

function frameOn(query = '', options: { autoResize?: boolean } = {}): ConveneFrame {
  const frame = createFrame(container, { url: `${FAKE_FRAME}${query}`, ...options });
  frames.push(frame);
  return frame;
}

/** The first `name` event the frame reports. */
function nextEvent<K extends keyof EmbedEvents>(frame: ConveneFrame, name: K) {
  return new Promise<EmbedEvents[K]>((resolve) => {
    const stop = frame.on(name, (payload) => {
      stop();
      resolve(payload);
    });
  });
}

async function rejection(promise: Promise<unknown>): Promise<EmbedCommandError> {
  try {
    await promise;
  } catch (error) {
    return error as EmbedCommandError;
  }
  throw new Error('expected the promise to reject');
}

describe('createFrame', () => {
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
  });

  afterEach(() => {
    for (const frame of frames) frame.destroy();
    frames = [];
    container.remove();
  });

  it('makes an iframe with the allow list the meeting needs', () => {
    const frame = frameOn('?room=x');
    expect(frame.iframe.parentElement).to.equal(container);
    expect(frame.iframe.src).to.equal(new URL(`${FAKE_FRAME}?room=x`, location.href).href);
    expect(frame.iframe.allow).to.equal(FRAME_ALLOW);
    for (const feature of ['camera', 'microphone', 'display-capture', 'autoplay', 'fullscreen'])
      expect(frame.iframe.allow).to.contain(feature);
    expect(frame.iframe.title).to.equal('Convene meeting');
  });

  it('sends commands after the handshake and resolves each with its reply', async () => {
    const frame = frameOn();
    // Sent before the frame has loaded: it waits for the handshake.
    const reply = frame.command('sendMessage', { text: 'hi' });
    expect(await reply).to.deep.equal({ text: 'hi' });
    await frame.ready;
    expect(await frame.setMicrophone(false)).to.deep.equal({ enabled: false });
  });

  it("rejects a command with the frame's error reply and its code", async () => {
    const frame = frameOn();
    const error = await rejection(frame.command('refuse' as 'leave', {}));
    expect(error).to.be.instanceOf(EmbedCommandError);
    expect(error.code).to.equal('no');
    expect(error.message).to.equal('No.');
  });

  it('hands events to their listeners until they stop listening', async () => {
    const frame = frameOn();
    const seen: string[] = [];
    const stop = frame.on('joined', ({ peerId }) => seen.push(peerId));
    await frame.join();
    stop();
    await frame.join();
    expect(seen).to.deep.equal(['p1']);
  });

  it('ignores messages from any window but its iframe, even when shaped like its own', async () => {
    const frame = frameOn();
    await frame.ready;
    const seen: unknown[] = [];
    frame.on('joined', (payload) => seen.push(payload));
    window.postMessage(
      embedMessage({ kind: 'event', name: 'joined', payload: { peerId: 'forged' } }),
      '*',
    );
    // A round trip through the frame: the forged message was delivered before its answer.
    await frame.command('leave', {});
    expect(seen).to.deep.equal([]);
  });

  it('reports a frame on another protocol version as a clear error, and runs no commands', async () => {
    const frame = frameOn('?version=2');
    const error = await nextEvent(frame, 'error');
    expect(error.code).to.equal('protocol_mismatch');
    expect(error.message).to.contain('version 2');
    expect((await rejection(frame.ready)).code).to.equal('protocol_mismatch');
    expect((await rejection(frame.leave())).code).to.equal('protocol_mismatch');
  });

  it('takes the height the frame reports, when asked to', async () => {
    const frame = frameOn('', { autoResize: true });
    await frame.ready;
    await new Promise<void>((resolve) => {
      const check = () => (frame.iframe.style.height ? resolve() : requestAnimationFrame(check));
      check();
    });
    expect(frame.iframe.style.height).to.equal('432px');
    const fixed = frameOn();
    await fixed.ready;
    expect(fixed.iframe.style.height).to.equal('');
  });

  it('removes the iframe on destroy and rejects the commands still waiting', async () => {
    const frame = frameOn();
    await frame.ready;
    const waiting = frame.command('hang' as 'leave', {});
    frame.destroy();
    expect(container.querySelector('iframe')).to.equal(null);
    expect((await rejection(waiting)).code).to.equal('frame_destroyed');
    expect((await rejection(frame.join())).code).to.equal('frame_destroyed');
  });
});

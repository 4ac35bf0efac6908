// The recorder page the server's headless Chromium opens (server/streaming/recorder-browser.ts):
// it joins as the room's hidden recorder with the token in the fragment (never sent in a request
// line or logged), publishes the composed picture and mix, and says how it is doing in
// `document.title` and on the console, which the server reads from the browser's log.
import { RoomClient } from '../client/room-client.ts';
import { RoomComposer } from './recorder/room-composer.ts';

const params = new URLSearchParams(location.hash.slice(1));
const token = params.get('token') ?? '';
const size = {
  width: Number(params.get('width')) || 1280,
  height: Number(params.get('height')) || 720,
};

// It re-encodes what it receives, on the server's machine: frames go on as soon as they decode.
const client = new RoomClient({ server: location.origin, playout: 'immediate' });
const composer = new RoomComposer(client, size);

function report(state: string): void {
  document.title = `recorder: ${state}`;
  console.info(`convene-recorder ${state}`);
}

client.addEventListener('left', (event) => {
  composer.stop();
  report(`left ${event.detail.reason}`);
});

client.addEventListener('error', (event) =>
  report(`error ${event.detail.code}: ${event.detail.message}`),
);
client.store.subscribe(() => {
  const local = client.store.state.peers[client.store.state.localPeerId ?? ''];
  const publishing = Object.keys(local?.tracks ?? {}).join(',');
  if (publishing !== lastPublishing) report(`tracks ${(lastPublishing = publishing)}`);
});
let lastPublishing = '';

composer.start();
client
  .join({ token, name: 'Recorder', tracks: composer.tracks })
  .then(() => report('joined'))
  .catch((error: unknown) => report(`failed ${(error as Error).message}`));

// src/react under Node, as a server-rendering framework imports it: the import touches no
// window or document and registers no element, and a component renders its bare tag (the
// browser sets its properties and registers it when it renders there).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import { renderToString } from 'react-dom/server';

const TAGS = [
  'convene-audio-renderer',
  'convene-chat',
  'convene-controls',
  'convene-grid',
  'convene-hls-player',
  'convene-meeting',
  'convene-pagination',
  'convene-participant-list',
  'convene-preview',
  'convene-role-controls',
  'convene-room',
  'convene-stream-view',
  'convene-streaming-controls',
  'convene-tile',
  'convene-toasts',
];

test('importing src/react in Node touches no DOM and registers no element', async () => {
  const wrappers = await import('../../src/react/index.ts');
  assert.equal(Object.keys(wrappers).length, TAGS.length, 'one component per public element');
  assert.equal(typeof (globalThis as { window?: unknown }).window, 'undefined');
  assert.equal(typeof (globalThis as { document?: unknown }).document, 'undefined');
  // lit's server build may install a customElements stand-in; nothing is defined in it.
  const registry = (globalThis as { customElements?: CustomElementRegistry }).customElements;
  for (const tag of TAGS) assert.equal(registry?.get(tag), undefined, `<${tag}> registered`);
});

test('a component renders on the server as its bare tag', async () => {
  const { ConveneMeeting } = await import('../../src/react/index.ts');
  const html = renderToString(
    React.createElement(ConveneMeeting, {
      roomCode: 'abc-defg-hij',
      name: 'Ada',
      onConveneLeft: () => undefined,
    }),
  );
  assert.equal(html, '<convene-meeting></convene-meeting>');
});

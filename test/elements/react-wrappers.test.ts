// src/react: React components over the elements, rendered with react-dom in the browser. Props
// reach the element's properties, an `on<Event>` prop is called with the element's typed event,
// a ref is the element; importing the module registers nothing, rendering a component registers
// its own element only.
import { expect, waitUntil } from '@open-wc/testing';
import React from 'react';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { ConveneMeeting, ConvenePagination } from '../../src/react/index.ts';
import { ConvenePagination as ConvenePaginationElement } from '../../src/elements/convene-pagination/convene-pagination.ts';
import type { ConvenePageChangeEvent } from '../../src/events/convene-page-change.ts';
import { SimulatedRoom } from '../../src/client/simulated-room.ts';

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
const defined = () => TAGS.filter((tag) => customElements.get(tag));

describe('React wrappers (src/react)', () => {
  let container: HTMLElement;
  let root: Root;

  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });

  afterEach(() => {
    root.unmount();
    container.remove();
  });

  it('registers no element on import', () => {
    // This runs first in the file's page: nothing has rendered yet.
    expect(defined()).to.deep.equal([]);
    expect(ConveneMeeting.displayName).to.equal('ConveneMeeting');
  });

  it('sets props as the element’s properties and registers only the element it renders', async () => {
    root.render(
      React.createElement(ConvenePagination, { page: 2, pageCount: 5, label: 'Results' }),
    );
    await customElements.whenDefined('convene-pagination');
    const element = container.querySelector('convene-pagination')!;
    expect(element).to.be.instanceOf(ConvenePaginationElement);
    await waitUntil(() => element.shadowRoot?.textContent?.includes('Page 2 of 5'), 'rendered');
    expect(element.page).to.equal(2);
    expect(element.pageCount).to.equal(5);
    expect(element.label).to.equal('Results');
    // Properties, not attributes: @lit/react sets what the class declares.
    expect(element.hasAttribute('page-count')).to.equal(false);
    expect(defined()).to.deep.equal(['convene-pagination']);

    flushSync(() => root.render(React.createElement(ConvenePagination, { page: 4, pageCount: 5 })));
    expect(element.page).to.equal(4);
    await element.updateComplete;
    expect(element.shadowRoot!.textContent).to.include('Page 4 of 5');
  });

  it('calls the event prop with the element’s typed event', async () => {
    const events: ConvenePageChangeEvent[] = [];
    const ref = React.createRef<ConvenePaginationElement>();
    root.render(
      React.createElement(ConvenePagination, {
        ref,
        page: 1,
        pageCount: 3,
        onConvenePageChange: (event) => events.push(event),
      }),
    );
    await waitUntil(() => ref.current?.shadowRoot?.querySelector('[part~="next-page"]'), 'next');
    expect(ref.current).to.be.instanceOf(ConvenePaginationElement);
    ref.current!.shadowRoot!.querySelector<HTMLButtonElement>('[part~="next-page"]')!.click();
    await waitUntil(() => events.length === 1, 'the event prop to be called');
    expect(events[0]!.type).to.equal('convene-page-change');
    expect(events[0]!.detail).to.deep.equal({ page: 2, pageCount: 3 });
  });

  it('calls the meeting’s room event props with the peers and the chat of the call', async () => {
    const room = new SimulatedRoom({ video: false, peers: [{ name: 'Grace' }] });
    const heard: { type: string; detail: unknown }[] = [];
    const hear = (event: CustomEvent) => heard.push({ type: event.type, detail: event.detail });
    try {
      root.render(
        React.createElement(ConveneMeeting, {
          client: room,
          roomCode: 'abc',
          name: 'Ada',
          skipPreview: true,
          onConvenePeerJoined: hear,
          onConveneMessage: hear,
          onConvenePeerLeft: hear,
        }),
      );
      await waitUntil(() => heard.length === 1, 'Grace, there when I joined', { timeout: 10_000 });
      const [grace] = room.store.state.peerOrder.filter(
        (id) => id !== room.store.state.localPeerId,
      );
      const said = room.say(grace!, 'hello Ada');
      room.removePeer(grace!);
      expect(heard).to.deep.equal([
        { type: 'convene-peer-joined', detail: { id: grace, name: 'Grace', role: 'guest' } },
        { type: 'convene-message', detail: said },
        { type: 'convene-peer-left', detail: { id: grace, name: 'Grace', role: 'guest' } },
      ]);
    } finally {
      room.close();
    }
  });
});

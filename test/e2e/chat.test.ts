// Chat between two real pages: a line Ada's room client sends is in Bob's store, once, unread,
// and both hold it under the id the server stored it with.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { eventually } from './support/browser.ts';
import { useMeetingFixture, withAdaAndBob } from './support/meeting-server.ts';

const fixture = useMeetingFixture();

interface HeldChat {
  messages: { id: string; text: string; from: string | undefined }[];
  unread: number;
}

/** What the page's room client holds of the chat, once it is connected. */
async function chatOf(page: Page): Promise<HeldChat | undefined> {
  return page.evaluate((): HeldChat | undefined => {
    const meeting = document.querySelector('convene-meeting-page');
    const room = meeting?.shadowRoot?.querySelector('convene-room') as any;
    const state = room?.client?.store.state;
    if (state?.connection !== 'connected') return undefined;
    return {
      messages: state.messages.map((m: any) => ({
        id: m.id,
        text: m.message,
        from: m.sender?.name,
      })),
      unread: state.unreadMessages as number,
    };
  });
}

describe('chat between pages', () => {
  test('a line one page sends appears in the other page’s store, once and unread', async () => {
    await withAdaAndBob(fixture, 'e2e-chat', async ({ ada, bob }) => {
      await eventually(() => chatOf(ada), Boolean, { what: 'Ada connected' });
      await eventually(() => chatOf(bob), Boolean, { what: 'Bob connected' });
      const sent = await ada.evaluate(async () => {
        const meeting = document.querySelector('convene-meeting-page');
        const room = meeting?.shadowRoot?.querySelector('convene-room') as any;
        const message = await room.client.sendMessage('hello <b>Bob</b>');
        return message.id as string;
      });
      const onBob = await eventually(
        () => chatOf(bob),
        (chat) => Boolean(chat?.messages.some((m) => m.id === sent)),
        { what: 'the line on Bob’s page' },
      );
      assert.deepEqual(onBob!.messages, [{ id: sent, text: 'hello <b>Bob</b>', from: 'Ada' }]);
      assert.equal(onBob!.unread, 1);
      const onAda = await chatOf(ada);
      assert.deepEqual(
        onAda!.messages.map((m) => m.id),
        [sent],
      );
      assert.equal(onAda!.unread, 0, 'our own line is not unread');
    });
  });
});

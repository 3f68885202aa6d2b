import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { roomChannel } from '../../core/channels.ts';
import { ALICE, createTestContext, settle, storedMessage, type TestContext } from '../test-support/fake-services.ts';
import { useRoomStore } from './room.ts';
import { ECHO_TIMEOUT_MS, NOT_CONFIRMED } from './room-outbox.ts';
import { useSessionStore } from './session.ts';

const ROOM = 'lobby';
const channel = roomChannel(ROOM);
let ctx: TestContext;
const room = () => useRoomStore(ROOM, ctx.pinia);
const texts = () => room().entries.map((e) => (e.kind === 'outgoing' ? `${e.message.status}:${e.message.text}` : e.message.text));
const posted = (i = 0) => ctx.events.posts[i]?.event as { clientMsgId: string; text: string };
const echoOf = (i = 0, n = 1) => ({ ...storedMessage(ROOM, n, ALICE, posted(i).text), clientMsgId: posted(i).clientMsgId });

describe('sending from a room', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  beforeEach(async () => {
    ctx = createTestContext();
    await useSessionStore(ctx.pinia).ready();
    await room().open();
    await settle();
    ctx.history.calls.length = 0;
  });

  it('shows the message as pending at once, accepted once the server stored it, then replaces it with its echo', async () => {
    const result = room().send('  hello  ');
    expect(result).toEqual({ ok: true });
    expect(texts()).toEqual(['pending:hello']);
    expect(ctx.events.posts[0]?.channel).toBe(channel);
    await flushPromises();
    expect(texts()).toEqual(['accepted:hello']);

    ctx.events.emit(channel, { type: 'message.created', message: echoOf() });

    expect(texts()).toEqual(['hello']);
  });

  it('marks a per-event failure failed, and Retry re-sends the same clientMsgId once stored', async () => {
    ctx.events.failNextPosts({ ok: false, error: 'INTERNAL: Message not stored; please retry' });
    room().send('try me');
    await flushPromises();
    expect(texts()).toEqual(['failed:try me']);

    room().retry(posted().clientMsgId);
    await flushPromises();
    const [first, second] = ctx.events.posts.map((p) => p.event.clientMsgId);
    expect(second).toBe(first);
    const echo = echoOf();
    ctx.events.emit(channel, { type: 'message.created', message: echo });
    ctx.events.emit(channel, { type: 'message.created', message: echo });

    expect(texts()).toEqual(['try me']);
  });

  it('does not re-send a message that has not failed', async () => {
    room().send('once');
    await flushPromises();

    room().retry(posted().clientMsgId);

    expect(ctx.events.posts).toHaveLength(1);
  });

  it('finds an accepted send whose echo never came through a gap fill, after the echo timeout', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    ctx.history.store(storedMessage(ROOM, 1));
    room().send('lost echo');
    await flushPromises();
    ctx.history.store(echoOf(0, 2));
    expect(texts()).toEqual(['accepted:lost echo']);

    await vi.advanceTimersByTimeAsync(ECHO_TIMEOUT_MS);
    await flushPromises();

    expect(texts()).toEqual(['message 1', 'lost echo']);
    expect(ctx.history.calls).toEqual([`after ${ROOM} after=${'0'.repeat(26)}`]);
  });

  it('marks an unconfirmed send failed when history lacks it too, and Retry keeps its clientMsgId', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    room().send('nobody heard');
    await flushPromises();

    await vi.advanceTimersByTimeAsync(ECHO_TIMEOUT_MS);
    await flushPromises();
    expect(texts()).toEqual(['failed:nobody heard']);
    expect(room().timeline.outgoing[0]?.error).toBe(NOT_CONFIRMED);

    room().retry(posted().clientMsgId);
    await flushPromises();
    expect(ctx.events.posts.map((p) => p.event.clientMsgId)).toEqual([posted().clientMsgId, posted().clientMsgId]);
    expect(texts()).toEqual(['accepted:nobody heard']);
  });

  it('does not time out a send whose echo arrived', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    room().send('quick');
    await flushPromises();
    ctx.events.emit(channel, { type: 'message.created', message: echoOf() });

    await vi.advanceTimersByTimeAsync(ECHO_TIMEOUT_MS);

    expect(texts()).toEqual(['quick']);
    expect(ctx.history.calls).toEqual([]);
  });

  it('stops the echo timers of a room that closes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    room().send('then left');
    await flushPromises();

    room().close();
    await vi.advanceTimersByTimeAsync(ECHO_TIMEOUT_MS);

    expect(vi.getTimerCount()).toBe(0);
    expect(ctx.history.calls).toEqual([]);
  });

  it('refuses text the shared rules refuse, without sending', () => {
    expect(room().send('   ')).toMatchObject({ ok: false });
    expect(room().send('x'.repeat(4001))).toMatchObject({ ok: false });
    expect(ctx.events.posts).toHaveLength(0);
  });

  it('refuses to send when nobody is signed in', async () => {
    ctx = createTestContext({ user: null });
    await useSessionStore(ctx.pinia).ready();

    expect(room().send('hello')).toEqual({ ok: false, error: 'Sign in to send messages' });
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { roomChannel, roomSignalsChannel } from '../../core/channels.ts';
import { formatEventError } from '../../core/event-errors.ts';
import type { Room } from '../../core/history-api.ts';
import type { MemberRef } from '../../core/messages.ts';
import { ALICE, BOB, createTestContext, settle, storedMessage, type TestContext } from '../test-support/fake-services.ts';
import { useOpenRoomsStore } from './open-rooms.ts';
import { ACCESS_LOST, useRoomStore } from './room.ts';
import { useRoomsStore } from './rooms.ts';
import { useSessionStore } from './session.ts';
import { useTypingStore } from './typing.ts';

const ROOM = 'p-0123456789abcdefghjkmnpqrs';
const FIRST = 'aaaaaaaaaa';
const SECOND = 'bbbbbbbbbb';
const CAROL: MemberRef = { sub: 'sub-carol', handle: 'carol', displayName: 'Carol' };
const ref = (author: { sub: string; handle: string; displayName: string }): MemberRef => ({ sub: author.sub, handle: author.handle, displayName: author.displayName });
let ctx: TestContext;
let listed: Room;
const room = () => useRoomStore(ROOM, ctx.pinia);
const texts = () => room().entries.map((e) => (e.kind === 'outgoing' ? `${e.message.status}:${e.message.text}` : e.message.text));
const removed = (member: MemberRef, by: MemberRef) => ({ type: 'member.removed', roomId: ROOM, member, by });

/** The room list holds the private room at `FIRST`; the room is open on its channel. */
beforeEach(async () => {
  listed = { id: ROOM, name: 'Team', kind: 'private', lastMessageAt: null, epoch: FIRST };
  ctx = createTestContext({ rooms: [listed] });
  await useSessionStore(ctx.pinia).ready();
  await useRoomsStore(ctx.pinia).load();
  const open = useOpenRoomsStore(ctx.pinia);
  await open.enter(ROOM);
  open.show(ROOM);
  await settle();
});

/** The server rotates the room's epoch, as a removal does (the room list's copy keeps the old one). */
function rotate(): void {
  ctx.history.rooms[0] = { ...listed, epoch: SECOND };
}

describe('a private room', () => {
  it('subscribes to and sends on the channel of its epoch', async () => {
    room().send('hello');
    await settle();

    expect(ctx.events.calls).toContain(`subscribe ${roomChannel(ROOM, FIRST)}`);
    expect(ctx.events.posts[0]?.channel).toBe(roomChannel(ROOM, FIRST));
  });

  it('shows member changes as lines: added, removed, left', () => {
    const alice = ref(ALICE);
    ctx.events.emit(roomChannel(ROOM, FIRST), { type: 'member.added', roomId: ROOM, member: CAROL, by: alice });
    ctx.events.emit(roomChannel(ROOM, FIRST), { type: 'member.added', roomId: 'p-other', member: CAROL, by: alice });

    expect(room().memberChanges.map((line) => line.text)).toEqual(['Alice @alice added Carol @carol']);
  });

  it('follows a removal to the new epoch and fills what was stored meanwhile exactly once', async () => {
    const before = storedMessage(ROOM, 1);
    ctx.history.store(before);
    ctx.events.emit(roomChannel(ROOM, FIRST), { type: 'message.created', message: before });
    rotate();
    // Stored on the new channel before this client subscribed to it: only the gap fill brings it.
    const during = storedMessage(ROOM, 2);
    ctx.history.store(during);

    ctx.events.emit(roomChannel(ROOM, FIRST), removed(CAROL, ref(ALICE)));
    await settle();
    ctx.events.emit(roomChannel(ROOM, SECOND), { type: 'message.created', message: during });
    const after = storedMessage(ROOM, 3);
    ctx.events.emit(roomChannel(ROOM, SECOND), { type: 'message.created', message: after });

    expect(ctx.history.calls).toContain(`getRoom ${ROOM}`);
    expect(ctx.events.calls).toContain(`unsubscribe ${roomChannel(ROOM, FIRST)}`);
    expect(ctx.events.subscribers.get(roomChannel(ROOM, SECOND))).toHaveLength(1);
    expect(texts()).toEqual(['message 1', 'message 2', 'message 3']);
    expect(room().memberChanges.map((line) => line.text)).toEqual(['Alice @alice removed Carol @carol']);
    expect(useRoomsStore(ctx.pinia).roomById(ROOM)?.epoch).toBe(SECOND);
  });

  it('sends a message refused ROOM_MOVED again on the new channel, once', async () => {
    rotate();
    ctx.events.failNextPosts({ ok: false, error: formatEventError('ROOM_MOVED', 'the room moved') });

    room().send('still here');
    await settle();

    expect(ctx.events.posts.map((p) => p.channel)).toEqual([roomChannel(ROOM, FIRST), roomChannel(ROOM, SECOND)]);
    expect(ctx.events.posts[0]?.event.clientMsgId).toBe(ctx.events.posts[1]?.event.clientMsgId);
    expect(texts()).toEqual(['accepted:still here']);
  });

  it('leaves a failed send that is not ROOM_MOVED failed', async () => {
    ctx.events.failNextPosts({ ok: false, error: formatEventError('RATE_LIMITED', 'slow down') });

    room().send('too fast');
    await settle();

    expect(ctx.history.calls).not.toContain(`getRoom ${ROOM}`);
    expect(ctx.events.posts).toHaveLength(1);
    expect(texts()).toEqual(['failed:too fast']);
  });

  it('closes with a notice and leaves the room list when the re-read answers 404 (the reader was removed)', async () => {
    ctx.history.rooms.splice(0);

    ctx.events.emit(roomChannel(ROOM, FIRST), removed(ref(ALICE), ref(BOB)));
    await settle();

    expect(room().status).toBe('error');
    expect(room().accessLost).toBe(true);
    expect(room().error).toBe(ACCESS_LOST);
    expect(room().entries).toEqual([]);
    expect(ctx.events.subscribers.get(roomChannel(ROOM, FIRST))).toEqual([]);
    expect(useRoomsStore(ctx.pinia).roomById(ROOM)).toBeUndefined();
  });

  it('moves its typing signals to the new epoch with the room', async () => {
    const typing = useTypingStore(ctx.pinia);
    typing.watchRoom(ROOM);
    await settle();
    expect(ctx.events.subscribers.get(roomSignalsChannel(ROOM, FIRST))).toHaveLength(1);
    rotate();

    ctx.events.emit(roomChannel(ROOM, FIRST), removed(CAROL, ref(ALICE)));
    await settle();
    typing.notifyTyping(ROOM);

    expect(ctx.events.subscribers.get(roomSignalsChannel(ROOM, FIRST))).toEqual([]);
    expect(ctx.events.subscribers.get(roomSignalsChannel(ROOM, SECOND))).toHaveLength(1);
    expect(ctx.events.posts.at(-1)?.channel).toBe(roomSignalsChannel(ROOM, SECOND));
  });
});

describe('a private room one was removed from', () => {
  it('asks nothing more after a reconnect', async () => {
    ctx.history.rooms.splice(0);
    ctx.events.emit(roomChannel(ROOM, FIRST), removed(ref(ALICE), ref(BOB)));
    await settle();
    const calls = [...ctx.history.calls];

    await room().fillGap();

    expect(ctx.history.calls).toEqual(calls);
    expect(room().accessLost).toBe(true);
  });
});

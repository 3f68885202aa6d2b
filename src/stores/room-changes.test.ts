import { beforeEach, describe, expect, it } from 'vitest';
import { roomChannel } from '../../core/channels.ts';
import { formatEventError } from '../../core/event-errors.ts';
import type { ChatMessage } from '../../core/messages.ts';
import { ALICE, BOB, createTestContext, settle, storedMessage, type TestContext } from '../test-support/fake-services.ts';
import { useConnectionStore } from './connection.ts';
import { useOpenRoomsStore } from './open-rooms.ts';
import { useRoomStore } from './room.ts';
import { useSessionStore } from './session.ts';
import { useTypingStore } from './typing.ts';
import { roomSignalsChannel } from '../../core/channels.ts';

const ROOM = 'lobby';
const channel = roomChannel(ROOM);
let ctx: TestContext;
const room = () => useRoomStore(ROOM, ctx.pinia);
const shown = () => room().entries.map((e) => `${e.kind}:${e.message.text}`);
const reactionsOf = (id: string) => room().timeline.byId[id]?.reactions;

async function visit(): Promise<void> {
  const open = useOpenRoomsStore(ctx.pinia);
  await open.enter(ROOM);
  open.show(ROOM);
  await settle();
}

beforeEach(async () => {
  ctx = createTestContext({ rooms: [{ id: ROOM, name: ROOM, kind: 'public' as const, lastMessageAt: null }] });
  await useSessionStore(ctx.pinia).ready();
  useConnectionStore(ctx.pinia).start();
});

describe('edits, deletes and reactions going out', () => {
  it('publishes an edit and a delete on the room channel, and applies their broadcasts', async () => {
    const mine = storedMessage(ROOM, 1, ALICE, 'helo');
    ctx.history.store(mine);
    await visit();

    const edited = await room().edit(mine.id, 'hello');
    ctx.events.emit(channel, { type: 'message.edited', message: { ...mine, text: 'hello', editedAt: '2026-11-30T12:01:00.000Z' } });

    expect(edited).toEqual({ ok: true });
    expect(shown()).toEqual(['message:hello']);

    const deleted = await room().remove(mine.id);
    ctx.events.emit(channel, { type: 'message.deleted', roomId: ROOM, id: mine.id });

    expect(deleted).toEqual({ ok: true });
    expect(shown()).toEqual(['deleted:']);
    expect(ctx.events.posts.map((p) => [p.channel, p.event])).toEqual([
      [channel, { type: 'edit', messageId: mine.id, text: 'hello' }],
      [channel, { type: 'delete', messageId: mine.id }],
    ]);
  });

  it('says why an edit was refused, with no retry where it would fail the same way', async () => {
    const theirs = storedMessage(ROOM, 1, BOB);
    ctx.history.store(theirs);
    await visit();
    ctx.events.failNextPosts({ ok: false, error: formatEventError('NOT_AUTHOR', 'only the author may edit') });

    const outcome = await room().edit(theirs.id, 'mine now');

    expect(outcome).toEqual({ ok: false, error: 'Not saved: only its author can change a message', retryable: false });
    expect(shown()).toEqual([`message:${theirs.text}`]);
  });

  it('offers a retry when storing the change failed', async () => {
    const mine = storedMessage(ROOM, 1, ALICE);
    ctx.history.store(mine);
    await visit();
    ctx.events.failNextPosts({ ok: false, error: formatEventError('UNAVAILABLE', 'try again') });

    expect(await room().remove(mine.id)).toEqual({ ok: false, error: 'Not saved: the server could not store it', retryable: true });
  });

  it('shows a reaction at once, and the broadcast count wins', async () => {
    const theirs = storedMessage(ROOM, 1, BOB);
    ctx.history.store(theirs);
    await visit();

    const reacting = room().react(theirs.id, '👍', true);
    expect(reactionsOf(theirs.id)).toEqual([{ emoji: '👍', count: 1, mine: true }]);
    await reacting;
    ctx.events.emit(channel, { type: 'reaction.changed', roomId: ROOM, id: theirs.id, emoji: '👍', count: 3, author: ALICE, add: true });

    expect(reactionsOf(theirs.id)).toEqual([{ emoji: '👍', count: 3, mine: true }]);
    expect(ctx.events.posts.at(-1)?.event).toEqual({ type: 'reaction', messageId: theirs.id, emoji: '👍', add: true });
  });

  it('takes back an optimistic reaction the server refused', async () => {
    const theirs: ChatMessage = { ...storedMessage(ROOM, 1, BOB), reactions: [{ emoji: '🎉', count: 2, mine: false }] };
    ctx.history.store(theirs);
    await visit();
    ctx.events.failNextPosts({ ok: false, error: formatEventError('MESSAGE_DELETED', 'gone') });

    const outcome = await room().react(theirs.id, '🎉', true);

    expect(outcome).toEqual({ ok: false, error: 'Not saved: that message was deleted', retryable: false });
    expect(reactionsOf(theirs.id)).toEqual([{ emoji: '🎉', count: 2, mine: false }]);
  });

  it('refuses text that is not one emoji before sending', async () => {
    const theirs = storedMessage(ROOM, 1, BOB);
    ctx.history.store(theirs);
    await visit();

    const outcome = await room().react(theirs.id, '<b>x</b>', true);

    expect(outcome.ok).toBe(false);
    expect(ctx.events.posts).toEqual([]);
  });
});

describe('a reader offline during changes', () => {
  it('converges after reconnect: an edit, a delete and a reaction missed are applied from the gap fill updates', async () => {
    const edited = storedMessage(ROOM, 1, BOB, 'first draft');
    const deleted = storedMessage(ROOM, 2, BOB, 'oops');
    const reacted = storedMessage(ROOM, 3, BOB, 'nice');
    [edited, deleted, reacted].forEach((m) => ctx.history.store(m));
    ctx.history.store(storedMessage(ROOM, 60));
    await visit();

    ctx.events.setState('ConnectionDisrupted');
    ctx.history.change(edited, { text: 'final text' }, 70);
    ctx.history.change(deleted, { deleted: true }, 71);
    ctx.history.change(reacted, { reactions: [{ emoji: '👍', count: 1, mine: true }] }, 72);
    ctx.events.setState('Connected');
    await settle();

    expect(shown()).toEqual(['message:final text', 'deleted:', 'message:nice', 'message:message 60']);
    expect(room().timeline.byId[edited.id]?.editedAt).toBeDefined();
    expect(reactionsOf(reacted.id)).toEqual([{ emoji: '👍', count: 1, mine: true }]);
  });
});

describe('the typing indicator', () => {
  it("clears an author's typing the moment their message arrives", async () => {
    await visit();
    const typing = useTypingStore(ctx.pinia);
    typing.watchRoom(ROOM);
    await settle();
    ctx.events.emit(roomSignalsChannel(ROOM), { type: 'typing', roomId: ROOM, author: BOB, at: new Date().toISOString() });
    expect(typing.typists.map((t) => t.sub)).toEqual([BOB.sub]);

    ctx.events.emit(channel, { type: 'message.created', message: storedMessage(ROOM, 5, BOB) });

    expect(typing.typists).toEqual([]);
  });
});

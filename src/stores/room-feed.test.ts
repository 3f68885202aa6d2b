import { describe, expect, it, vi } from 'vitest';
import type { Room } from '../../core/history-api.ts';
import type { MemberRef } from '../../core/messages.ts';
import { BOB, storedMessage } from '../test-support/fake-services.ts';
import { createFeed } from './room-feed.ts';

const ROOM = 'p-0123456789abcdefghjkmnpqrs';
const ALICE: MemberRef = { sub: 'sub-alice', handle: 'alice', displayName: 'Alice' };
const CAROL: MemberRef = { sub: 'sub-carol', handle: 'carol', displayName: 'Carol' };

function feedWith(newestId?: string) {
  const deps = {
    roomId: ROOM,
    record: vi.fn(),
    newestId: () => newestId,
    typing: { messageArrived: vi.fn() },
    mentions: { messageArrived: vi.fn() },
    rooms: { adopt: vi.fn() },
    removed: vi.fn(),
  };
  return { deps, feed: createFeed(deps) };
}

describe('a room feed', () => {
  it('records a new message and tells typing and mention alerts who wrote it', () => {
    const { deps, feed } = feedWith();
    const message = storedMessage(ROOM, 1, BOB);

    feed.next({ type: 'message.created', message });

    expect(deps.record).toHaveBeenCalledWith({ kind: 'event', event: { type: 'message.created', message } });
    expect(deps.typing.messageArrived).toHaveBeenCalledWith(ROOM, BOB.sub);
    expect(deps.mentions.messageArrived).toHaveBeenCalledWith(message);
  });

  it('records a deletion without touching typing or mentions', () => {
    const { deps, feed } = feedWith();

    feed.next({ type: 'message.deleted', roomId: ROOM, id: storedMessage(ROOM, 1).id });

    expect(deps.record).toHaveBeenCalledOnce();
    expect(deps.typing.messageArrived).not.toHaveBeenCalled();
    expect(deps.mentions.messageArrived).not.toHaveBeenCalled();
  });

  it('adds a member change line after the newest message held, and follows only a removal', () => {
    const newest = storedMessage(ROOM, 3).id;
    const { deps, feed } = feedWith(newest);

    feed.next({ type: 'member.added', roomId: ROOM, member: CAROL, by: ALICE });
    expect(deps.removed).not.toHaveBeenCalled();
    feed.next({ type: 'member.removed', roomId: ROOM, member: CAROL, by: CAROL });

    expect(feed.memberChanges.value.map((line) => [line.text, line.afterId])).toEqual([
      ['Alice @alice added Carol @carol', newest],
      ['Carol @carol left', newest],
    ]);
    expect(deps.removed).toHaveBeenCalledOnce();
    expect(deps.record).not.toHaveBeenCalled();
  });

  it("passes a room update to the room list and ignores another room's frames", () => {
    const { deps, feed } = feedWith();
    const renamed: Room = { id: ROOM, name: 'Renamed', kind: 'private', lastMessageAt: null };

    feed.next({ type: 'room.updated', room: { ...renamed, id: 'p-abcdefghjkmnpqrs0123456789' } });
    feed.next({ type: 'member.removed', roomId: 'p-abcdefghjkmnpqrs0123456789', member: CAROL, by: ALICE });
    feed.next({ type: 'message.created', message: storedMessage('lobby', 1) });
    feed.next({ type: 'room.updated', room: renamed });

    expect(deps.rooms.adopt.mock.calls).toEqual([[renamed]]);
    expect(deps.removed).not.toHaveBeenCalled();
    expect(deps.record).not.toHaveBeenCalled();
    expect(feed.memberChanges.value).toEqual([]);
  });

  it('drops its lines when cleared', () => {
    const { feed } = feedWith();
    feed.next({ type: 'member.added', roomId: ROOM, member: CAROL, by: ALICE });

    feed.clear();

    expect(feed.memberChanges.value).toEqual([]);
  });
});

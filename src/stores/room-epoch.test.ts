import { describe, expect, it, vi } from 'vitest';
import { roomChannel } from '../../core/channels.ts';
import type { Room } from '../../core/history-api.ts';
import { createEpoch } from './room-epoch.ts';

const ROOM = 'p-0123456789abcdefghjkmnpqrs';
const FIRST = 'aaaaaaaaaa';
const SECOND = 'bbbbbbbbbb';
const notFound = () => Object.assign(new Error('not found'), { response: { statusCode: 404 } });

/** A room whose list holds `listed` and whose server has `room` now. */
function epochOf(roomId: string, listed: Room | undefined, room: () => Promise<Room>) {
  let opening = 0;
  const deps = {
    roomId,
    history: { getRoom: vi.fn(room) },
    rooms: { roomById: vi.fn(() => listed), adopt: vi.fn() },
    active: () => true,
    opening: () => opening,
    moveTo: vi.fn(async () => true),
    resendMoved: vi.fn(),
    lost: vi.fn(),
    fail: vi.fn(),
  };
  return { deps, epoch: createEpoch(deps), reopen: () => (opening += 1) };
}

const privateRoom = (epoch: string): Room => ({ id: ROOM, name: 'Team', kind: 'private', lastMessageAt: null, epoch });

describe("a room's epoch", () => {
  it('is none for a public room, which never reads itself or follows', async () => {
    const { deps, epoch } = epochOf('lobby', undefined, async () => ({ id: 'lobby', name: 'lobby', kind: 'public', lastMessageAt: null }));

    expect(await epoch.resolve()).toBe(roomChannel('lobby'));
    await epoch.follow();

    expect(deps.history.getRoom).not.toHaveBeenCalled();
    expect(deps.resendMoved).not.toHaveBeenCalled();
  });

  it("takes a listed private room's epoch, and reads an unlisted one's", async () => {
    const listed = epochOf(ROOM, privateRoom(FIRST), async () => privateRoom(SECOND));
    const unlisted = epochOf(ROOM, undefined, async () => privateRoom(SECOND));

    expect(await listed.epoch.resolve()).toBe(roomChannel(ROOM, FIRST));
    expect(listed.epoch.channel()).toBe(roomChannel(ROOM, FIRST));
    expect(listed.deps.history.getRoom).not.toHaveBeenCalled();
    expect(await unlisted.epoch.resolve()).toBe(roomChannel(ROOM, SECOND));
    expect(unlisted.deps.rooms.adopt).toHaveBeenCalledWith(privateRoom(SECOND));
  });

  it('only sends again when the epoch did not move', async () => {
    const { deps, epoch } = epochOf(ROOM, privateRoom(FIRST), async () => privateRoom(FIRST));
    await epoch.resolve();

    await epoch.follow();

    expect(deps.moveTo).not.toHaveBeenCalled();
    expect(deps.resendMoved).toHaveBeenCalledOnce();
  });

  it('moves to a new epoch before sending again, and not at all when the move failed', async () => {
    const moved = epochOf(ROOM, privateRoom(FIRST), async () => privateRoom(SECOND));
    const refused = epochOf(ROOM, privateRoom(FIRST), async () => privateRoom(SECOND));
    refused.deps.moveTo.mockResolvedValue(false);
    await moved.epoch.resolve();
    await refused.epoch.resolve();

    await moved.epoch.follow();
    await refused.epoch.follow();

    expect(moved.deps.rooms.adopt).toHaveBeenCalledWith(privateRoom(SECOND));
    expect(moved.deps.moveTo).toHaveBeenCalledWith(0);
    expect(moved.deps.resendMoved).toHaveBeenCalledOnce();
    expect(refused.deps.resendMoved).not.toHaveBeenCalled();
  });

  it('shares one read between follows at once', async () => {
    const { deps, epoch } = epochOf(ROOM, privateRoom(FIRST), async () => privateRoom(FIRST));
    await epoch.resolve();

    await Promise.all([epoch.follow(), epoch.follow()]);
    await epoch.follow();

    expect(deps.history.getRoom).toHaveBeenCalledTimes(2);
  });

  it('loses access on a 404 and fails the room on any other error', async () => {
    const removed = epochOf(ROOM, privateRoom(FIRST), () => Promise.reject(notFound()));
    const broken = epochOf(ROOM, privateRoom(FIRST), () => Promise.reject(new Error('offline')));

    await removed.epoch.follow();
    await broken.epoch.follow();

    expect(removed.deps.lost).toHaveBeenCalledOnce();
    expect(removed.deps.fail).not.toHaveBeenCalled();
    expect(broken.deps.fail).toHaveBeenCalledOnce();
    expect(broken.deps.lost).not.toHaveBeenCalled();
  });

  it('drops the answer of a read when the room closed meanwhile', async () => {
    const { deps, epoch, reopen } = epochOf(ROOM, privateRoom(FIRST), async () => {
      reopen();
      return privateRoom(SECOND);
    });

    await epoch.follow();

    expect(deps.rooms.adopt).not.toHaveBeenCalled();
    expect(deps.moveTo).not.toHaveBeenCalled();
    expect(deps.resendMoved).not.toHaveBeenCalled();
  });
});

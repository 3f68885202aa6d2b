import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { Room, RoomList } from '../../core/history-api.ts';
import { createTestContext } from '../test-support/fake-services.ts';
import { useRoomsStore } from './rooms.ts';

const room = (i: number): Room => ({ id: `room-${String(i).padStart(4, '0')}`, name: `Room ${i}`, kind: 'public', lastMessageAt: null });
const roomsUpTo = (count: number) => Array.from({ length: count }, (_, i) => room(i));

/** A `listRooms` whose answers the test hands out one by one, in the order they were asked for. */
function heldPages() {
  const waiting: { cursor?: string; answer: (page: RoomList) => void; fail: (error: unknown) => void }[] = [];
  return {
    waiting,
    listRooms: (cursor?: string) => new Promise<RoomList>((answer, fail) => waiting.push({ cursor, answer, fail })),
    async answer(page: RoomList) {
      waiting.shift()!.answer(page);
      await flushPromises();
    },
  };
}

describe('the rooms store', () => {
  it('loads every room, page after page, each asked for with the cursor of the one before', async () => {
    const ctx = createTestContext({ rooms: roomsUpTo(250) });
    const rooms = useRoomsStore(ctx.pinia);

    await rooms.load();

    expect(ctx.history.calls).toEqual(['listRooms', 'listRooms cursor=room-0099', 'listRooms cursor=room-0199']);
    expect(rooms.rooms.map((r) => r.id)).toEqual(roomsUpTo(250).map((r) => r.id));
    expect(rooms.status).toBe('ready');
  });

  it('shows the first page while the next ones still load', async () => {
    const ctx = createTestContext();
    const pages = heldPages();
    ctx.history.listRooms = pages.listRooms;
    const rooms = useRoomsStore(ctx.pinia);

    const loading = rooms.load();
    await pages.answer({ items: roomsUpTo(100), nextCursor: 'c1' });
    const shownEarly = rooms.rooms.length;
    await pages.answer({ items: [room(100)] });
    await loading;

    expect(shownEarly).toBe(100);
    expect(rooms.rooms).toHaveLength(101);
    expect(rooms.status).toBe('ready');
  });

  it('keeps the list it has during a reload until every page is in', async () => {
    const ctx = createTestContext({ rooms: roomsUpTo(3) });
    const rooms = useRoomsStore(ctx.pinia);
    await rooms.load();
    const pages = heldPages();
    ctx.history.listRooms = pages.listRooms;

    const reloading = rooms.load();
    await pages.answer({ items: [room(7)], nextCursor: 'c1' });
    const duringReload = rooms.rooms.map((r) => r.id);
    await pages.answer({ items: [room(8)] });
    await reloading;

    expect(duringReload).toEqual(['room-0000', 'room-0001', 'room-0002']);
    expect(rooms.rooms.map((r) => r.id)).toEqual(['room-0007', 'room-0008']);
  });

  it('keeps the pages it has and says what went wrong when a later page fails', async () => {
    const ctx = createTestContext({ rooms: roomsUpTo(150) });
    const rooms = useRoomsStore(ctx.pinia);
    const list = ctx.history.listRooms;
    ctx.history.listRooms = async (cursor?: string) => {
      if (cursor !== undefined) throw new Error('Network error');
      return list(cursor);
    };

    await rooms.load();

    expect(rooms.rooms).toHaveLength(100);
    expect(rooms.status).toBe('error');
    expect(rooms.error).toBe('Network error');
  });

  it('lets a later load win over an earlier one still paging', async () => {
    const ctx = createTestContext();
    const pages = heldPages();
    ctx.history.listRooms = pages.listRooms;
    const rooms = useRoomsStore(ctx.pinia);

    const first = rooms.load();
    const second = rooms.load();
    await pages.answer({ items: [room(1)], nextCursor: 'from-the-first' });
    await pages.answer({ items: [room(2)] });
    await Promise.all([first, second]);

    expect(pages.waiting).toEqual([]);
    expect(rooms.rooms.map((r) => r.id)).toEqual(['room-0002']);
    expect(rooms.status).toBe('ready');
  });

  it('keeps a room it created while the list was loading', async () => {
    const ctx = createTestContext();
    const pages = heldPages();
    ctx.history.listRooms = pages.listRooms;
    const rooms = useRoomsStore(ctx.pinia);

    const loading = rooms.load();
    await rooms.create('brand-new');
    await pages.answer({ items: [room(1)] });
    await loading;

    expect(rooms.rooms.map((r) => r.id)).toEqual(['room-0001', 'brand-new']);
  });

  it('answers the existing room for a name it already has, without listing it twice', async () => {
    const ctx = createTestContext({ rooms: [room(1)] });
    const rooms = useRoomsStore(ctx.pinia);
    await rooms.load();

    const existing = await rooms.create('room 1');
    const created = await rooms.create('brand-new');

    expect([existing.created, created.created]).toEqual([false, true]);
    expect(existing.room).toEqual(room(1));
    expect(rooms.rooms.map((r) => r.id)).toEqual(['room-0001', 'brand-new']);
  });

  it('renames a listed room, takes it out of the list while archived and back once unarchived, and knows it by id meanwhile', async () => {
    const ctx = createTestContext({ rooms: [room(1), room(2)] });
    const rooms = useRoomsStore(ctx.pinia);
    await rooms.load();

    rooms.adopt({ ...room(1), name: 'Renamed' });
    const renamed = rooms.rooms.map((r) => r.name);
    rooms.adopt({ ...room(1), name: 'Renamed', archived: true });
    const archived = { listed: rooms.rooms.map((r) => r.id), known: rooms.roomById('room-0001') };
    rooms.adopt({ ...room(1), name: 'Renamed' });

    expect(renamed).toEqual(['Renamed', 'Room 2']);
    expect(archived).toEqual({ listed: ['room-0002'], known: { ...room(1), name: 'Renamed', archived: true } });
    expect(rooms.rooms.map((r) => r.id)).toEqual(['room-0002', 'room-0001']);
  });

  it('keeps a room archived meanwhile out of a list page read before the archive', async () => {
    const ctx = createTestContext();
    const pages = heldPages();
    ctx.history.listRooms = pages.listRooms;
    const rooms = useRoomsStore(ctx.pinia);

    const loading = rooms.load();
    rooms.adopt({ ...room(1), archived: true });
    await pages.answer({ items: [room(1), room(2)] });
    await loading;

    expect(rooms.rooms.map((r) => r.id)).toEqual(['room-0002']);
  });

  it('looks up a room the list does not hold, once, and leaves an unknown one unknown', async () => {
    const ctx = createTestContext({ rooms: [room(1), { ...room(2), archived: true }] });
    const rooms = useRoomsStore(ctx.pinia);
    await rooms.load();

    await rooms.lookup('room-0002');
    await rooms.lookup('room-0002');
    await rooms.lookup('nowhere');

    expect(rooms.roomById('room-0002')).toEqual({ ...room(2), archived: true });
    expect(rooms.roomById('nowhere')).toBeUndefined();
    expect(ctx.history.calls.filter((call) => call.startsWith('getRoom'))).toEqual(['getRoom room-0002', 'getRoom nowhere']);
  });
});

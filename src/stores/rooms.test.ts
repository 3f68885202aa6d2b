import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { Room, RoomList } from '../../core/history-api.ts';
import { createTestContext } from '../test-support/fake-services.ts';
import { useRoomsStore } from './rooms.ts';

const room = (i: number): Room => ({ id: `room-${String(i).padStart(4, '0')}`, name: `Room ${i}`, lastMessageAt: null });
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
});

import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import type { Room } from '../../core/history-api.ts';
import { describeError } from '../services/errors.ts';
import { useServices } from '../services/services.ts';
import { useConnectionStore } from './connection.ts';

export type RoomsStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * The room list (what each room has unread comes from the open-rooms and read-marker stores),
 * rooms known beside it (an archived room opened by its link), creating a room, and the changes a
 * moderator makes to a room (`room.updated`).
 */
export const useRoomsStore = defineStore('rooms', () => {
  const { history } = useServices();
  const connection = useConnectionStore();
  const rooms = shallowRef<Room[]>([]);
  const status = ref<RoomsStatus>('idle');
  const error = ref<string | null>(null);
  /** Rooms known but not listed: archived ones (the list leaves them out) opened by their link. */
  const unlisted = shallowRef<Record<string, Room>>({});
  /** Rooms this client created: a load that began before one was created must not drop it. */
  const createdHere = new Set<string>();
  let loads = 0;

  /**
   * Every room, page after page (`GET /rooms` answers at most `ROOM_PAGE_SIZE` a page). The first
   * load shows each page as it arrives; a reload keeps the list it has until the last page is in,
   * so no room disappears meanwhile. A later load wins: an earlier one still running stops.
   */
  async function load(): Promise<void> {
    const run = (loads += 1);
    const progressive = rooms.value.length === 0;
    status.value = 'loading';
    error.value = null;
    const all: Room[] = [];
    try {
      let cursor: string | undefined;
      do {
        const page = await history.listRooms(cursor);
        if (run !== loads) return;
        all.push(...page.items);
        if (progressive) rooms.value = withCreated(all);
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      rooms.value = withCreated(all);
      status.value = 'ready';
    } catch (cause) {
      if (run !== loads) return;
      status.value = 'error';
      error.value = describeError(cause);
    }
  }

  function withCreated(loaded: Room[]): Room[] {
    const ids = new Set(loaded.map((room) => room.id));
    // A page read before a room.updated that archived a room may still list it.
    const shown = loaded.filter((room) => !unlisted.value[room.id]?.archived);
    return [...shown, ...rooms.value.filter((room) => createdHere.has(room.id) && !ids.has(room.id))];
  }

  /** The room as this client knows it, listed or not. */
  function roomById(roomId: string): Room | undefined {
    return rooms.value.find((room) => room.id === roomId) ?? unlisted.value[roomId];
  }

  /**
   * The room as it is now (a `room.updated` event, a lookup, a creation's answer): its name
   * replaces the old one, and it leaves the list while archived and comes back when unarchived.
   */
  function adopt(room: Room): void {
    const listed = rooms.value.some((r) => r.id === room.id);
    if (room.archived) {
      if (listed) rooms.value = rooms.value.filter((r) => r.id !== room.id);
      unlisted.value = { ...unlisted.value, [room.id]: room };
      return;
    }
    rooms.value = listed ? rooms.value.map((r) => (r.id === room.id ? room : r)) : [...rooms.value, room];
    if (unlisted.value[room.id]) unlisted.value = Object.fromEntries(Object.entries(unlisted.value).filter(([id]) => id !== room.id));
  }

  /**
   * A room the list does not hold (an archived one opened by its link): its name and state. A
   * failure leaves it unknown: the room view shows the id and its own loading error.
   */
  async function lookup(roomId: string): Promise<void> {
    if (roomById(roomId)) return;
    const room = await history.getRoom(roomId).catch(() => null);
    if (room) adopt(room);
  }

  /** Drops a room the reader lost access to (removed from a private room) from the list and from what is known. */
  function forget(roomId: string): void {
    rooms.value = rooms.value.filter((room) => room.id !== roomId);
    if (unlisted.value[roomId]) unlisted.value = Object.fromEntries(Object.entries(unlisted.value).filter(([id]) => id !== roomId));
  }

  /** Creates the room, or for a public one answers the existing one the name belongs to (`created: false`). */
  async function create(name: string, kind: 'public' | 'private' = 'public'): Promise<{ room: Room; created: boolean }> {
    const result = await history.createRoom(name, kind);
    if (result.created) createdHere.add(result.room.id);
    adopt(result.room);
    return result;
  }

  // After a reconnect the list's last activity of rooms that are not open may be stale.
  watch(
    () => connection.reconnects,
    () => load(),
  );

  return { rooms, status, error, load, create, roomById, adopt, lookup, forget };
});

import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import type { Room } from '../../core/history-api.ts';
import { describeError } from '../services/errors.ts';
import { useServices } from '../services/services.ts';
import { useConnectionStore } from './connection.ts';

export type RoomsStatus = 'idle' | 'loading' | 'ready' | 'error';

/** The room list (what each room has unread comes from the open-rooms and read-marker stores) and creating a room. */
export const useRoomsStore = defineStore('rooms', () => {
  const { history } = useServices();
  const connection = useConnectionStore();
  const rooms = shallowRef<Room[]>([]);
  const status = ref<RoomsStatus>('idle');
  const error = ref<string | null>(null);
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
    return [...loaded, ...rooms.value.filter((room) => createdHere.has(room.id) && !ids.has(room.id))];
  }

  async function create(name: string): Promise<Room> {
    const room = await history.createRoom(name);
    createdHere.add(room.id);
    if (!rooms.value.some((r) => r.id === room.id)) rooms.value = [...rooms.value, room];
    return room;
  }

  // After a reconnect the list's last activity of rooms that are not open may be stale.
  watch(
    () => connection.reconnects,
    () => load(),
  );

  return { rooms, status, error, load, create };
});

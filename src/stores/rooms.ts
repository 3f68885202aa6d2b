import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import type { Room } from '../../core/history-api.ts';
import { hasUnreadSince } from '../lib/unread.ts';
import { describeError } from '../services/errors.ts';
import { useServices } from '../services/services.ts';
import { useConnectionStore } from './connection.ts';
import { useOpenRoomsStore } from './open-rooms.ts';
import { useReadMarkersStore } from './read-markers.ts';

export type RoomsStatus = 'idle' | 'loading' | 'ready' | 'error';

/** The room list: rooms, what each has unread, last activity, and creating a room. */
export const useRoomsStore = defineStore('rooms', () => {
  const { history } = useServices();
  const open = useOpenRoomsStore();
  const markers = useReadMarkersStore();
  const connection = useConnectionStore();
  const rooms = shallowRef<Room[]>([]);
  const status = ref<RoomsStatus>('idle');
  const error = ref<string | null>(null);

  /**
   * Whether a room has something unread: counted for open rooms; for the others, the list's
   * `lastMessageAt` against the read marker (a count would cost one history request per room).
   */
  function hasUnread(room: Room): boolean {
    if (open.isOpen(room.id)) return open.unread(room.id) > 0;
    return hasUnreadSince(room.lastMessageAt, markers.markers[room.id]);
  }

  /** The newer of the list's `lastMessageAt` and the newest message seen live. */
  function lastActivity(room: Room): string | null {
    const live = open.newestTime(room.id);
    if (!live) return room.lastMessageAt;
    return !room.lastMessageAt || live > room.lastMessageAt ? live : room.lastMessageAt;
  }

  async function load(): Promise<void> {
    status.value = 'loading';
    try {
      rooms.value = await history.listRooms();
      status.value = 'ready';
    } catch (cause) {
      status.value = 'error';
      error.value = describeError(cause);
    }
  }

  async function create(name: string): Promise<Room> {
    const room = await history.createRoom(name);
    if (!rooms.value.some((r) => r.id === room.id)) rooms.value = [...rooms.value, room];
    return room;
  }

  // After a reconnect the list's last activity of rooms that are not open may be stale.
  watch(
    () => connection.reconnects,
    () => load(),
  );

  return { rooms, status, error, hasUnread, lastActivity, load, create };
});

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

  return { rooms, status, error, load, create };
});

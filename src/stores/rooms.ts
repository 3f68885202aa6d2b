import { defineStore } from 'pinia';
import { type ComputedRef, computed, ref, shallowRef, watch } from 'vue';
import { countUnread } from '../../core/timeline.ts';
import { hasUnreadSince } from '../lib/unread.ts';
import { describeError } from '../services/errors.ts';
import type { Room } from '../services/history.ts';
import { useServices } from '../services/services.ts';
import { useConnectionStore } from './connection.ts';
import { useRoomStore } from './room.ts';
import { useSessionStore } from './session.ts';

/** How many recently visited rooms stay subscribed, so their unread counts stay live. */
export const RECENT_ROOMS = 10;
export type RoomsStatus = 'idle' | 'loading' | 'ready' | 'error';

function readMarkersKey(sub: string): string {
  return `parley.read.${sub}`;
}

/** The room list: rooms, unread counts, last activity, creation, and which rooms stay subscribed. */
export const useRoomsStore = defineStore('rooms', () => {
  const { history } = useServices();
  const session = useSessionStore();
  const connection = useConnectionStore();
  const rooms = shallowRef<Room[]>([]);
  const status = ref<RoomsStatus>('idle');
  const error = ref<string | null>(null);
  /** Most recent first; each of these rooms has an open room store. */
  const recent = ref<string[]>([]);
  const activeRoomId = ref<string | null>(null);
  /** Newest message id read per room, kept in localStorage per user. */
  const readMarkers = ref<Record<string, string>>({});

  const me = computed(() => session.user?.sub ?? '');
  watch(
    me,
    (sub) => {
      readMarkers.value = sub ? (JSON.parse(localStorage.getItem(readMarkersKey(sub)) ?? '{}') as Record<string, string>) : {};
    },
    { immediate: true },
  );

  /** Per room, its count as a computed: the list asks several times per render, the count runs once per change. */
  const unreadCounts = new Map<string, ComputedRef<number>>();
  /** Unread messages of a subscribed room (the one on screen too, while its newest is out of view). */
  function unread(roomId: string): number {
    if (!recent.value.includes(roomId)) return 0;
    let count = unreadCounts.get(roomId);
    if (!count) {
      count = computed(() => countUnread(useRoomStore(roomId).timeline, readMarkers.value[roomId], me.value));
      unreadCounts.set(roomId, count);
    }
    return count.value;
  }
  /**
   * Whether a room has something unread: counted for subscribed rooms; for the others, the list's
   * `lastMessageAt` against the read marker (a count would cost one history request per room).
   */
  function hasUnread(room: Room): boolean {
    if (recent.value.includes(room.id)) return unread(room.id) > 0;
    return hasUnreadSince(room.lastMessageAt, readMarkers.value[room.id]);
  }
  const totalUnread = computed(() => recent.value.reduce((sum, roomId) => sum + unread(roomId), 0));

  /** The newer of the list's `lastMessageAt` and the newest message seen live. */
  function lastActivity(room: Room): string | null {
    const newest = recent.value.includes(room.id) ? useRoomStore(room.id).entries.at(-1) : undefined;
    const live = newest?.kind === 'message' ? newest.message.createdAt : null;
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

  /** Moves the room's read marker to its newest message: call it only while that message is on screen. */
  function markRead(roomId: string): void {
    const newest = useRoomStore(roomId).newestId;
    if (!newest || newest === readMarkers.value[roomId]) return;
    readMarkers.value = { ...readMarkers.value, [roomId]: newest };
    if (me.value) localStorage.setItem(readMarkersKey(me.value), JSON.stringify(readMarkers.value));
  }

  /** Enters a room: keeps it (and at most RECENT_ROOMS - 1 others) subscribed, and opens it. */
  function visit(roomId: string): Promise<void> {
    activeRoomId.value = roomId;
    const next = [roomId, ...recent.value.filter((id) => id !== roomId)];
    next.slice(RECENT_ROOMS).forEach((evicted) => useRoomStore(evicted).close());
    recent.value = next.slice(0, RECENT_ROOMS);
    return useRoomStore(roomId).open();
  }

  function leave(): void {
    activeRoomId.value = null;
  }

  // Nothing replays what the socket missed: fill every subscribed room's gap, and refresh the
  // list's last activity for the rooms that are not subscribed.
  watch(
    () => connection.reconnects,
    () => Promise.all([...recent.value.map((roomId) => useRoomStore(roomId).fillGap()), load()]),
  );
  watch(
    () => connection.status,
    (now) => {
      if (now === 'reconnecting' || now === 'offline') recent.value.forEach((roomId) => useRoomStore(roomId).markDisrupted());
    },
    // Synchronously: the anchor must be taken before any later event can move the newest id.
    { flush: 'sync' },
  );

  return {
    rooms,
    status,
    error,
    recent,
    activeRoomId,
    readMarkers,
    totalUnread,
    unread,
    hasUnread,
    lastActivity,
    load,
    create,
    markRead,
    visit,
    leave,
  };
});

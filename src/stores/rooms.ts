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
      const room = useRoomStore(roomId);
      count = computed(() => countUnread(room.timeline, readMarkers.value[roomId], me.value));
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

  /** Per room, the time of its newest stored message seen here, as a computed (the list asks per row and render). */
  const newestTimes = new Map<string, ComputedRef<string | null>>();
  function newestTime(roomId: string): string | null {
    let time = newestTimes.get(roomId);
    if (!time) {
      const room = useRoomStore(roomId);
      time = computed(() => {
        const newest = room.entries.at(-1);
        return newest?.kind === 'message' ? newest.message.createdAt : null;
      });
      newestTimes.set(roomId, time);
    }
    return time.value;
  }

  /** The newer of the list's `lastMessageAt` and the newest message seen live. */
  function lastActivity(room: Room): string | null {
    const live = recent.value.includes(room.id) ? newestTime(room.id) : null;
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

  /** The room a navigation opened and no view has shown yet (see `enter`). */
  let entering: string | null = null;

  /**
   * Opens a room that a navigation is about to show, before the view changes: nothing on screen
   * changes (the view's `visit` does that). A room entered but never shown, because the user went
   * elsewhere first, is closed when the next one is entered.
   */
  function enter(roomId: string): Promise<void> {
    if (entering !== null && entering !== roomId && !recent.value.includes(entering)) useRoomStore(entering).close();
    entering = roomId;
    return useRoomStore(roomId).open();
  }

  /** Shows a room: keeps it (and at most RECENT_ROOMS - 1 others) subscribed, and opens it. */
  function visit(roomId: string): Promise<void> {
    activeRoomId.value = roomId;
    if (entering === roomId) entering = null;
    // Back in the room entered last: the list is already in order.
    if (recent.value[0] !== roomId) {
      const next = [roomId, ...recent.value.filter((id) => id !== roomId)];
      next.slice(RECENT_ROOMS).forEach((evicted) => useRoomStore(evicted).close());
      recent.value = next.slice(0, RECENT_ROOMS);
    }
    return useRoomStore(roomId).open();
  }

  /** The view of `roomId` is gone; a room shown since then stays the active one. */
  function leave(roomId: string): void {
    if (activeRoomId.value === roomId) activeRoomId.value = null;
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
    enter,
    visit,
    leave,
  };
});

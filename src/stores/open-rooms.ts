import { defineStore, getActivePinia } from 'pinia';
import { type ComputedRef, computed, ref, watch } from 'vue';
import { countUnread } from '../../core/timeline.ts';
import { whenIdle } from '../lib/defer.ts';
import { countUnreadMentions } from '../lib/unread.ts';
import { useConnectionStore } from './connection.ts';
import { useReadMarkersStore } from './read-markers.ts';
import { type RoomStore, useRoomStore } from './room.ts';
import { useSessionStore } from './session.ts';
import { useTypingStore } from './typing.ts';

/** How many recently shown rooms stay open (subscribed), so their unread counts stay live. */
export const RECENT_ROOMS = 10;

/**
 * The one owner of the rooms' lifecycle: which room stores exist and are open, which room is on
 * screen, and when a room is closed and its store disposed. The router drives it (`enter` before a
 * room route resolves, `show` once a navigation lands); views only read the rooms it gives them.
 */
export const useOpenRoomsStore = defineStore('open-rooms', () => {
  // Room stores are created in this store's own Pinia, whichever is active when a late callback runs.
  const pinia = getActivePinia();
  const session = useSessionStore();
  const markers = useReadMarkersStore();
  const typing = useTypingStore();
  const connection = useConnectionStore();
  const stores = new Map<string, RoomStore>();
  /** Most recently shown first; each is open. */
  const recent = ref<string[]>([]);
  const activeRoomId = ref<string | null>(null);
  /** The room a navigation opened that no navigation has shown yet. */
  let entering: string | null = null;
  /** Per open room, derived values as computeds of their own: each reruns only when its own room changes. */
  const perRoomUnread = new Map<string, ComputedRef<number>>();
  const perRoomNewest = new Map<string, ComputedRef<string | null>>();
  const perRoomMentions = new Map<string, ComputedRef<number>>();

  /** The store of `roomId` (created, not opened, if it has none). */
  function room(roomId: string): RoomStore {
    let store = stores.get(roomId);
    if (!store) {
      store = useRoomStore(roomId, pinia);
      stores.set(roomId, store);
    }
    return store;
  }

  function isOpen(roomId: string): boolean {
    return recent.value.includes(roomId);
  }

  /** Closes a room, stops everything it runs and forgets its store. */
  function dispose(roomId: string): void {
    const store = stores.get(roomId);
    stores.delete(roomId);
    perRoomUnread.delete(roomId);
    perRoomNewest.delete(roomId);
    perRoomMentions.delete(roomId);
    if (!store) return;
    store.close();
    store.$dispose();
    if (pinia) delete pinia.state.value[store.$id];
  }

  /**
   * Opens a room a navigation is about to show, before the view changes; resolves once its newest
   * page is on screen. A room entered but never shown, because the user went elsewhere first, is
   * disposed when the next one is entered or shown.
   */
  function enter(roomId: string): Promise<void> {
    if (entering !== null && entering !== roomId && !isOpen(entering)) dispose(entering);
    entering = roomId;
    return room(roomId).open();
  }

  /**
   * A navigation landed: `roomId` is on screen (or none is). It becomes the most recent open room;
   * the least recent beyond `RECENT_ROOMS` is disposed. Its typing signals follow once the room is
   * in and the browser idle.
   */
  function show(roomId: string | null): void {
    activeRoomId.value = roomId;
    if (entering !== null && entering !== roomId && !isOpen(entering)) dispose(entering);
    entering = null;
    if (roomId !== null && recent.value[0] !== roomId) {
      const next = [roomId, ...recent.value.filter((id) => id !== roomId)];
      recent.value = next.slice(0, RECENT_ROOMS);
      next.slice(RECENT_ROOMS).forEach(dispose);
    }
    // `enter` opened it already; an opening that failed waits for the user's Try again.
    const store = roomId === null ? null : room(roomId);
    const opened = store && store.status !== 'error' ? store.open() : Promise.resolve();
    void opened.then(() => whenIdle(() => activeRoomId.value === roomId && typing.watchRoom(roomId)));
  }

  /** Unread messages of an open room (the one on screen too, while its newest is out of view). */
  function unreadOf(roomId: string): number {
    let count = perRoomUnread.get(roomId);
    if (!count) {
      const store = room(roomId);
      count = computed(() => countUnread(store.timeline, markers.markers[roomId], session.user?.sub ?? ''));
      perRoomUnread.set(roomId, count);
    }
    return count.value;
  }

  /** Unread messages of an open room that mention the reader. */
  function mentionsOf(roomId: string): number {
    let count = perRoomMentions.get(roomId);
    if (!count) {
      const store = room(roomId);
      count = computed(() => countUnreadMentions(store.timeline, markers.markers[roomId], session.user?.sub ?? ''));
      perRoomMentions.set(roomId, count);
    }
    return count.value;
  }

  /** The time of the newest stored message an open room has seen, or null. */
  function newestTimeOf(roomId: string): string | null {
    let time = perRoomNewest.get(roomId);
    if (!time) {
      const store = room(roomId);
      time = computed(() => {
        const newest = store.entries.at(-1);
        return newest?.kind === 'message' ? newest.message.createdAt : null;
      });
      perRoomNewest.set(roomId, time);
    }
    return time.value;
  }

  /** Per open room, its unread count; plain values, so the room list reads them without calls. */
  const unreadCounts = computed<Record<string, number>>(() => Object.fromEntries(recent.value.map((id) => [id, unreadOf(id)])));
  /** Per open room, the time of its newest stored message seen here, or null. */
  const newestTimes = computed<Record<string, string | null>>(() => Object.fromEntries(recent.value.map((id) => [id, newestTimeOf(id)])));
  /** Per open room, its unread mentions of the reader (a badge of their own). */
  const mentionCounts = computed<Record<string, number>>(() => Object.fromEntries(recent.value.map((id) => [id, mentionsOf(id)])));
  const totalUnread = computed(() => Object.values(unreadCounts.value).reduce((sum, count) => sum + count, 0));

  /** Moves the room's read marker to its newest message: call it only while that message is on screen. */
  function markRead(roomId: string): void {
    markers.markRead(roomId, room(roomId).newestId);
  }

  // Nothing replays what the socket missed: every open room fills its gap after a reconnect.
  watch(
    () => connection.reconnects,
    () => Promise.all(recent.value.map((roomId) => room(roomId).fillGap())),
  );
  watch(
    () => connection.status,
    (now) => {
      if (now === 'reconnecting' || now === 'offline') recent.value.forEach((roomId) => room(roomId).markDisrupted());
    },
    // Synchronously: the anchor must be taken before any later event can move the newest id.
    { flush: 'sync' },
  );

  return { recent, activeRoomId, unreadCounts, mentionCounts, newestTimes, totalUnread, room, isOpen, enter, show, markRead };
});

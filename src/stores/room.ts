import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { roomChannel } from '../../core/channels.ts';
import { gapFillAfterId } from '../../core/timeline-cursor.ts';
import { toChatEvent } from '../../core/timeline-events.ts';
import {
  applyToTimeline,
  emptyTimeline,
  newestStoredId,
  type Timeline,
  type TimelineInput,
  timelineEntries,
} from '../../core/timeline.ts';
import { describeError, httpStatusOf } from '../services/errors.ts';
import type { ChatMessage, RemovedMessage } from '../../core/messages.ts';
import type { LiveSubscription } from '../services/events.ts';
import type { MessagePage } from '../services/history.ts';
import { useServices } from '../services/services.ts';

export type RoomStatus = 'idle' | 'subscribing' | 'loading' | 'ready' | 'error';
export type OlderStatus = 'idle' | 'loading' | 'done' | 'error';

export const PAGE_SIZE = 50;
/** A gap longer than this many pages is not filled page by page: the room reloads from the newest. */
const MAX_GAP_PAGES = 10;

function setupRoom(roomId: string) {
  const { events, history } = useServices();
  const timeline = shallowRef<Timeline>(emptyTimeline());
  const entries = computed(() => timelineEntries(timeline.value));
  const newestId = computed(() => newestStoredId(timeline.value));
  const status = ref<RoomStatus>('idle');
  const olderStatus = ref<OlderStatus>('idle');
  const error = ref<string | null>(null);
  const notFound = ref(false);
  let olderCursor: string | undefined;
  let subscription: LiveSubscription | null = null;
  let opening: Promise<void> | null = null;
  /** Bumped by `close`, so answers to requests of an earlier opening are dropped. */
  let generation = 0;
  /**
   * The newest stored id when the connection dropped. The gap starts there: after a reconnect,
   * live messages usually arrive before the fill runs, and the newest id *then* is past the gap.
   * Kept until a fill succeeds, so a failed fill is retried from the same place.
   */
  let gap: { after: string | undefined } | null = null;

  /** Called when the connection drops (see the rooms store). */
  function markDisrupted(): void {
    if (status.value === 'ready') gap ??= { after: newestId.value };
  }

  /** Every change to the timeline goes through the pure merge. */
  function record(input: TimelineInput): void {
    timeline.value = applyToTimeline(timeline.value, input);
  }

  /** A history page: removed messages come as `{ id, removed: true }` placeholders, merged as tombstones. */
  function recordPage(items: MessagePage['items']): void {
    const removed = items.filter((item): item is RemovedMessage => 'removed' in item && item.removed === true);
    removed.forEach((item) => record({ kind: 'event', event: { type: 'message.removed', roomId, id: item.id } }));
    record({ kind: 'page', messages: items.filter((item): item is ChatMessage => !('removed' in item && item.removed === true)) });
  }

  /**
   * Older messages that changed while we were offline, as a gap fill reports them (removed or
   * restored by a moderator, or first broadcast by a late retry; the broadcasts were missed):
   * applied exactly as the live `message.removed` / `message.restored` events would be.
   */
  function recordUpdates(items: MessagePage['updates']): void {
    for (const item of items ?? []) {
      if ('removed' in item && item.removed === true) record({ kind: 'event', event: { type: 'message.removed', roomId, id: item.id } });
      else record({ kind: 'event', event: { type: 'message.restored', message: item as ChatMessage } });
    }
  }

  function fail(cause: unknown): void {
    status.value = 'error';
    error.value = describeError(cause);
    notFound.value = httpStatusOf(cause) === 404;
  }

  async function loadNewest(): Promise<void> {
    const current = generation;
    status.value = 'loading';
    const page = await history.olderMessages(roomId, { limit: PAGE_SIZE });
    if (current !== generation) return;
    recordPage(page.items);
    olderCursor = page.nextCursor;
    olderStatus.value = page.nextCursor ? 'idle' : 'done';
    status.value = 'ready';
    error.value = null;
    notFound.value = false;
  }

  /** Subscribe first and wait for the server's ack, then load the newest page: nothing falls in between. */
  function open(): Promise<void> {
    if (status.value === 'ready') return Promise.resolve();
    opening ??= (async () => {
      try {
        if (!subscription) {
          const current = generation;
          status.value = 'subscribing';
          const live = await events.subscribe(roomChannel(roomId), {
            next: (data) => {
              const event = toChatEvent(data, roomId);
              if (event) record({ kind: 'event', event });
            },
            error: (message) => {
              subscription?.unsubscribe();
              subscription = null;
              fail(new Error(message));
            },
          });
          if (current !== generation) return live.unsubscribe();
          subscription = live;
        }
        await loadNewest();
      } catch (cause) {
        fail(cause);
      } finally {
        opening = null;
      }
    })();
    return opening;
  }

  /** Unsubscribes and forgets the timeline: a room opened again later starts from its newest page. */
  function close(): void {
    generation += 1;
    subscription?.unsubscribe();
    subscription = null;
    timeline.value = emptyTimeline();
    status.value = 'idle';
    olderStatus.value = 'idle';
    olderCursor = undefined;
    gap = null;
  }

  async function loadOlder(): Promise<void> {
    if (status.value !== 'ready' || (olderStatus.value !== 'idle' && olderStatus.value !== 'error')) return;
    const current = generation;
    olderStatus.value = 'loading';
    try {
      const page = await history.olderMessages(roomId, { limit: PAGE_SIZE, before: olderCursor });
      if (current !== generation) return;
      recordPage(page.items);
      olderCursor = page.nextCursor;
      olderStatus.value = page.nextCursor ? 'idle' : 'done';
    } catch {
      if (current === generation) olderStatus.value = 'error';
    }
  }

  /** Drops the timeline and loads the newest page, as a fresh open would. */
  async function reload(): Promise<void> {
    timeline.value = emptyTimeline();
    await loadNewest();
    gap = null;
  }

  /**
   * After a reconnect: everything stored after (a little before) the newest message we hold,
   * merged in. Idempotent, so running it twice or racing live events changes nothing.
   */
  async function fillGap(): Promise<void> {
    if (status.value === 'idle') return;
    if (status.value !== 'ready' || !subscription) return open();
    const newest = gap ? gap.after : newestId.value;
    if (newest === undefined) return loadNewest().then(() => void (gap = null), fail);
    const current = generation;
    let after: string | undefined = gapFillAfterId(newest);
    try {
      for (let pages = 0; after !== undefined; pages += 1) {
        if (pages === MAX_GAP_PAGES) return await reload();
        const page = await history.messagesAfter(roomId, { limit: PAGE_SIZE, after });
        if (current !== generation) return;
        // Too many older messages changed during the outage to list: start over from the newest page.
        if (page.updatesTruncated) return await reload();
        recordUpdates(page.updates);
        recordPage(page.items);
        after = page.nextCursor;
      }
      gap = null;
    } catch (cause) {
      fail(cause);
    }
  }

  return {
    roomId,
    timeline,
    entries,
    newestId,
    status,
    olderStatus,
    error,
    notFound,
    record,
    open,
    close,
    loadOlder,
    fillGap,
    markDisrupted,
  };
}

export type RoomStore = ReturnType<typeof useRoomStore>;

const definitions = new Map<string, ReturnType<typeof defineRoomStore>>();

function defineRoomStore(roomId: string) {
  return defineStore(`room/${roomId}`, () => setupRoom(roomId));
}

/** One store per room, so each room keeps its state while the user moves between rooms. */
export function useRoomStore(roomId: string) {
  let definition = definitions.get(roomId);
  if (!definition) {
    definition = defineRoomStore(roomId);
    definitions.set(roomId, definition);
  }
  return definition();
}

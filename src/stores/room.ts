import { defineStore, type Pinia } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { MessagePage } from '../../core/history-api.ts';
import { PAGE_SIZE } from '../../core/limits.ts';
import { applyToTimeline, emptyTimeline, newestStoredId, oldestStoredId, type Timeline, type TimelineInput, timelineEntries } from '../../core/timeline.ts';
import { afterNextPaint } from '../lib/defer.ts';
import { describeError, httpStatusOf } from '../services/errors.ts';
import { useServices } from '../services/services.ts';
import { createEpoch } from './room-epoch.ts';
import { createFeed } from './room-feed.ts';
import { createGapFiller, gapAfterPage } from './room-gap.ts';
import { createOlderPages } from './room-older.ts';
import { createChanges } from './room-changes.ts';
import { createOutbox } from './room-outbox.ts';
import { createSubscription } from './room-subscription.ts';
import { useMentionAlertsStore } from './mention-alerts.ts';
import { useConnectionStore } from './connection.ts';
import { useRoomsStore } from './rooms.ts';
import { useSessionStore } from './session.ts';
import { useTypingStore } from './typing.ts';

export type RoomStatus = 'idle' | 'loading' | 'ready' | 'error';

/** What a room that answers 404 after a member change shows: the reader was removed from it. */
export const ACCESS_LOST = 'You no longer have access to this room.';
export type { OlderStatus } from './room-older.ts';

function setupRoom(roomId: string) {
  const { events, history } = useServices();
  const session = useSessionStore();
  const connection = useConnectionStore();
  const rooms = useRoomsStore();
  /** A timeline for the one signed in: their own reactions are `mine`. */
  const fresh = () => emptyTimeline(session.user?.sub ?? '');
  const timeline = shallowRef<Timeline>(fresh());
  const entries = computed(() => timelineEntries(timeline.value));
  const newestId = computed(() => newestStoredId(timeline.value));
  const status = ref<RoomStatus>('idle');
  const error = ref<string | null>(null);
  const notFound = ref(false);
  /** True once a private room or DM answered 404 to a member re-reading it: they were removed. */
  const accessLost = ref(false);
  /** The newest page's request, while it is out. */
  let opening: Promise<void> | null = null;
  /** After the newest page: the subscription's ack and the fill of what fell between the two. */
  let connecting: Promise<void> | null = null;
  /** Bumped by `close`, so answers to requests of an earlier opening are dropped. */
  let generation = 0;

  /** Every change to the timeline goes through the pure merge. */
  function record(input: TimelineInput): void {
    timeline.value = applyToTimeline(timeline.value, input);
  }

  const newestPage = () => history.olderMessages(roomId, { limit: PAGE_SIZE });
  const older = createOlderPages({ fetchBefore: (before) => history.olderMessages(roomId, { limit: PAGE_SIZE, before }), record, ready: () => status.value === 'ready', opening: () => generation });
  const epoch = createEpoch({ roomId, history, rooms, active: () => status.value !== 'idle', opening: () => generation, moveTo, resendMoved: () => outbox.resendMoved(), lost: loseAccess, fail });
  const feed = createFeed({ roomId, record, newestId: () => newestId.value, typing: useTypingStore(), mentions: useMentionAlertsStore(), rooms, removed: () => void epoch.follow() });
  const subscription = createSubscription({ events, channel: epoch.resolve, next: feed.next, opening: () => generation, fail });
  const gaps = createGapFiller({
    messagesAfter: (after, changesFrom) => history.messagesAfter(roomId, { limit: PAGE_SIZE, after, ...(changesFrom === undefined ? {} : { changesFrom }) }),
    oldestId: () => oldestStoredId(timeline.value),
    newestPage,
    record,
    restart: (page) => {
      timeline.value = { ...fresh(), outgoing: timeline.value.outgoing };
      showNewest(page);
    },
    newestId: () => newestId.value,
    opening: () => generation,
    fail,
  });
  const publishing = { channel: epoch.channel, events, author: () => session.user, timeline: () => timeline.value, record, moved: () => void epoch.follow() };
  const outbox = createOutbox({ ...publishing, roomId, fillGap });
  const changes = createChanges(publishing);

  function fail(cause: unknown): void {
    status.value = 'error';
    error.value = describeError(cause);
    notFound.value = httpStatusOf(cause) === 404;
  }

  function showNewest(page: MessagePage): void {
    record({ kind: 'history', items: page.items });
    older.restart(page);
    status.value = 'ready';
    error.value = null;
    notFound.value = false;
    accessLost.value = false;
  }

  /**
   * Subscribes and shows the newest page, so that nothing published meanwhile is lost, in the
   * order that is quickest for the connection's state. Resolves once the page is shown (or the
   * opening failed).
   * - The socket is up: subscribe, then fetch. On an open socket the ack is one round trip, and a
   *   page read after it leaves no gap, so no second request is needed.
   * - The socket must connect first (the app's first room, or during a reconnect): the handshake
   *   takes several round trips, so the page is fetched meanwhile and shown as soon as it is in.
   *   Once subscribed, what was published since the page's read is fetched (`after=` a little
   *   before its newest id) and merged; the merge is idempotent, so nothing is doubled. That goes
   *   on in `connecting`.
   * A room already subscribed only fetches its page.
   */
  function open(): Promise<void> {
    if (status.value === 'ready') return Promise.resolve();
    if (opening) return opening;
    const current = generation;
    status.value = 'loading';
    const started =
      subscription.held() || connecting
        ? showNewestPage(current, false)
        : connection.status === 'connected'
          ? subscribeThenShow(current)
          : connectBeside(current);
    opening = started.finally(() => (opening = null));
    return opening;
  }

  async function subscribeThenShow(current: number): Promise<void> {
    if (await subscription.attach(current)) await showNewestPage(current, false);
  }

  function connectBeside(current: number): Promise<void> {
    const connected: Promise<void> = connect(current).finally(() => {
      if (connecting === connected) connecting = null;
    });
    connecting = connected;
    return showNewestPage(current, true);
  }

  /** Reads and shows the newest page; read before the subscription was live, it leaves a gap. */
  async function showNewestPage(current: number, beforeSubscribed: boolean): Promise<void> {
    try {
      const page = await newestPage();
      // A refused subscription fails the room even when its page comes in after.
      if (current !== generation || status.value === 'error') return;
      showNewest(page);
      if (beforeSubscribed) gaps.widen(gapAfterPage(page));
    } catch (cause) {
      if (current === generation) fail(cause);
    }
  }

  /** Once subscribed, and once the page read before that is shown, fills the gap between them. */
  async function connect(current: number): Promise<void> {
    if (!(await subscription.attach(current))) return;
    if (opening) await opening;
    // After the page is on screen: the fill's request (and the server's work on it) must not
    // delay that first paint, and the merge takes what arrives whenever it comes.
    await new Promise<void>((resolve) => afterNextPaint(resolve));
    if (current === generation && status.value === 'ready') await gaps.fill(current);
  }

  /**
   * The room's epoch moved: the gap opens at the newest message held, the new channel is
   * subscribed, and the gap filled. Resolves false when the room failed or closed meanwhile.
   */
  async function moveTo(current: number): Promise<boolean> {
    gaps.widen();
    if (!(await subscription.attach(current))) return false;
    await gaps.fill(current);
    return true;
  }

  function loseAccess(): void {
    close();
    rooms.forget(roomId);
    status.value = 'error';
    error.value = ACCESS_LOST;
    accessLost.value = true;
  }

  /** Unsubscribes and forgets the timeline: a room opened again later starts from its newest page. */
  function close(): void {
    generation += 1;
    feed.clear();
    subscription.drop();
    outbox.dispose();
    timeline.value = fresh();
    status.value = 'idle';
    older.restart();
    gaps.reset();
  }

  /** Called when the connection drops: the gap starts at the newest message held now. */
  function markDisrupted(): void {
    if (status.value === 'ready') gaps.widen();
  }

  /**
   * After a reconnect, or when a send's echo is overdue: everything stored after (a little
   * before) the newest message held when the gap opened, merged in. Idempotent, so running it
   * twice or racing live events changes nothing.
   */
  async function fillGap(): Promise<void> {
    if (connecting) await connecting;
    // Removed from a private room: nothing to fill, and asking again would only be refused.
    if (status.value === 'idle' || accessLost.value) return;
    if (status.value !== 'ready' || !subscription.held()) return open();
    // A member change missed while disconnected may have moved the room to another epoch.
    await epoch.follow();
    await gaps.fill(generation);
  }

  const { send, retry } = outbox;
  const { edit, remove, react } = changes;
  const { memberChanges } = feed;
  return { roomId, timeline, entries, newestId, status, olderStatus: older.status, error, notFound, accessLost, memberChanges, open, close, loadOlder: older.loadOlder, fillGap, markDisrupted, send, retry, edit, remove, react };
}

export type RoomStore = ReturnType<ReturnType<typeof defineRoomStore>>;

function defineRoomStore(roomId: string) {
  return defineStore(`room/${roomId}`, () => setupRoom(roomId));
}

/**
 * The store of one room in `pinia` (the active one by default), created on first use. Only the
 * open-rooms store (`open-rooms.ts`) opens, keeps and disposes rooms; everything else reaches a
 * room through it.
 */
export function useRoomStore(roomId: string, pinia?: Pinia): RoomStore {
  return defineRoomStore(roomId)(pinia);
}

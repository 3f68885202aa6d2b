import { defineStore, type Pinia } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { isMembersOnlyRoomId, roomChannel } from '../../core/channels.ts';
import type { MessagePage } from '../../core/history-api.ts';
import { PAGE_SIZE } from '../../core/limits.ts';
import { toChatEvent, toMemberChange, toRoomUpdate } from '../../core/timeline-events.ts';
import { applyToTimeline, emptyTimeline, newestStoredId, type Timeline, type TimelineInput, timelineEntries } from '../../core/timeline.ts';
import { afterNextPaint } from '../lib/defer.ts';
import { describeMemberChange, type MemberChangeLine } from '../lib/member-change.ts';
import { describeError, httpStatusOf } from '../services/errors.ts';
import type { LiveSubscription } from '../services/events.ts';
import { useServices } from '../services/services.ts';
import { earliestGap, fillGapFrom, gapAfterNewest, gapAfterPage } from './room-gap.ts';
import { createOlderPages } from './room-older.ts';
import { createChanges } from './room-changes.ts';
import { createOutbox } from './room-outbox.ts';
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
  const typing = useTypingStore();
  const mentions = useMentionAlertsStore();
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
  /** "Alice added Bob" lines seen live since the room opened (member changes are not stored). */
  const memberChanges = shallowRef<MemberChangeLine[]>([]);
  const membersOnly = isMembersOnlyRoomId(roomId);
  /** A private room's or DM's epoch the subscription is on (and sends go to); undefined for a public room. */
  let epoch: string | undefined;
  /** The re-read of the room after a member change or a `ROOM_MOVED` send, while it is out. */
  let following: Promise<void> | null = null;
  let subscription: LiveSubscription | null = null;
  /** The newest page's request, while it is out. */
  let opening: Promise<void> | null = null;
  /** After the newest page: the subscription's ack and the fill of what fell between the two. */
  let connecting: Promise<void> | null = null;
  /** Bumped by `close`, so answers to requests of an earlier opening are dropped. */
  let generation = 0;
  /** Where the gap the socket may have left starts (a reconnect, an opening); kept until a fill succeeds. */
  let gap: string | null = null;

  /** Every change to the timeline goes through the pure merge. */
  function record(input: TimelineInput): void {
    timeline.value = applyToTimeline(timeline.value, input);
  }

  const older = createOlderPages({
    fetchBefore: (before) => history.olderMessages(roomId, { limit: PAGE_SIZE, before }),
    record,
    ready: () => status.value === 'ready',
    opening: () => generation,
  });
  const outbox = createOutbox({
    roomId,
    channel: () => roomChannel(roomId, epoch),
    events,
    author: () => session.user,
    timeline: () => timeline.value,
    record,
    fillGap,
    moved: () => void follow(),
  });
  const changes = createChanges({
    channel: () => roomChannel(roomId, epoch),
    events,
    author: () => session.user,
    timeline: () => timeline.value,
    record,
    moved: () => void follow(),
  });

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
   * The epoch to subscribe on: a private room's or DM's as the room list or an earlier read has it,
   * or read now (a link to a room not listed). A read that fails (404 to a non-member) rejects.
   */
  async function currentEpoch(): Promise<string | undefined> {
    if (!membersOnly) return undefined;
    const known = rooms.roomById(roomId)?.epoch;
    if (known !== undefined) return known;
    const room = await history.getRoom(roomId);
    rooms.adopt(room);
    return room.epoch;
  }

  async function subscribe(): Promise<LiveSubscription> {
    epoch = await currentEpoch();
    return events.subscribe(roomChannel(roomId, epoch), {
      next: (data) => {
        const event = toChatEvent(data, roomId);
        if (event?.type === 'message.created') {
          // Their message is here: "is typing" ends now, not when the signal times out.
          typing.messageArrived(roomId, event.message.author.sub);
          mentions.messageArrived(event.message);
        }
        if (event) return record({ kind: 'event', event });
        const change = toMemberChange(data, roomId);
        if (change) {
          memberChanges.value = [...memberChanges.value, describeMemberChange(change, newestId.value)];
          // After a removal the room moved to a new epoch; the one removed learns it by a 404.
          if (change.type === 'member.removed') void follow();
          return;
        }
        // A moderator renamed, archived or unarchived the room: its title and read-only state.
        const update = toRoomUpdate(data, roomId);
        if (update) rooms.adopt(update.room);
      },
      error: (message) => {
        subscription?.unsubscribe();
        subscription = null;
        fail(new Error(message));
      },
    });
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
      subscription || connecting
        ? showNewestPage(current, false)
        : connection.status === 'connected'
          ? subscribeThenShow(current)
          : connectBeside(current);
    opening = started.finally(() => (opening = null));
    return opening;
  }

  async function subscribeThenShow(current: number): Promise<void> {
    try {
      const live = await subscribe();
      if (current !== generation) return live.unsubscribe();
      subscription = live;
    } catch (cause) {
      if (current === generation) fail(cause);
      return;
    }
    await showNewestPage(current, false);
  }

  function connectBeside(current: number): Promise<void> {
    const connected: Promise<void> = connect(current, subscribe()).finally(() => {
      if (connecting === connected) connecting = null;
    });
    connecting = connected;
    return showNewestPage(current, true);
  }

  /** Reads and shows the newest page; read before the subscription was live, it leaves a gap. */
  async function showNewestPage(current: number, beforeSubscribed: boolean): Promise<void> {
    try {
      const page = await history.olderMessages(roomId, { limit: PAGE_SIZE });
      // A refused subscription fails the room even when its page comes in after.
      if (current !== generation || status.value === 'error') return;
      showNewest(page);
      if (beforeSubscribed) gap = earliestGap(gap, gapAfterPage(page));
    } catch (cause) {
      if (current === generation) fail(cause);
    }
  }

  /** Once subscribed, and once the page read before that is shown, fills the gap between them. */
  async function connect(current: number, subscribing: Promise<LiveSubscription>): Promise<void> {
    try {
      const live = await subscribing;
      if (current !== generation) return live.unsubscribe();
      subscription = live;
    } catch (cause) {
      if (current === generation) fail(cause);
      return;
    }
    if (opening) await opening;
    // After the page is on screen: the fill's request (and the server's work on it) must not
    // delay that first paint, and the merge takes what arrives whenever it comes.
    await new Promise<void>((resolve) => afterNextPaint(resolve));
    if (current === generation && status.value === 'ready') await fill(current);
  }

  /**
   * After a member left or was removed, or a send failed `ROOM_MOVED`: re-reads the room and, when
   * its epoch moved, subscribes to the new channel, fills what came after the newest message held
   * (the merge drops what it already has) and sends again what failed `ROOM_MOVED`. A 404 means the
   * reader was removed: the room closes with `ACCESS_LOST` and leaves the room list.
   */
  function follow(): Promise<void> {
    if (!membersOnly || status.value === 'idle') return Promise.resolve();
    following ??= moveToCurrentEpoch(generation).finally(() => (following = null));
    return following;
  }

  async function moveToCurrentEpoch(current: number): Promise<void> {
    let room;
    try {
      room = await history.getRoom(roomId);
    } catch (cause) {
      if (current !== generation) return;
      if (httpStatusOf(cause) === 404) return loseAccess();
      return fail(cause);
    }
    if (current !== generation) return;
    rooms.adopt(room);
    if (room.epoch !== epoch) {
      gap = earliestGap(gap, gapAfterNewest(newestId.value));
      const previous = subscription;
      try {
        const live = await subscribe();
        if (current !== generation) return live.unsubscribe();
        previous?.unsubscribe();
        subscription = live;
      } catch (cause) {
        if (current === generation) fail(cause);
        return;
      }
      await fill(current);
    }
    if (current === generation) outbox.resendMoved();
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
    memberChanges.value = [];
    subscription?.unsubscribe();
    subscription = null;
    outbox.dispose();
    timeline.value = fresh();
    status.value = 'idle';
    older.restart();
    gap = null;
  }

  /** Fills the gap (from its start, or the newest message held); a failure fails the room and keeps the gap. */
  async function fill(current: number): Promise<void> {
    try {
      await fillGapFrom(gap ?? gapAfterNewest(newestId.value), {
        messagesAfter: (after) => history.messagesAfter(roomId, { limit: PAGE_SIZE, after }),
        newestPage: () => history.olderMessages(roomId, { limit: PAGE_SIZE }),
        record,
        restart: (page) => {
          timeline.value = { ...fresh(), outgoing: timeline.value.outgoing };
          showNewest(page);
        },
        stillOpen: () => current === generation,
      });
      if (current === generation) gap = null;
    } catch (cause) {
      if (current === generation) fail(cause);
    }
  }

  /** Called when the connection drops: the gap starts at the newest message held now. */
  function markDisrupted(): void {
    if (status.value === 'ready') gap = earliestGap(gap, gapAfterNewest(newestId.value));
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
    if (status.value !== 'ready' || !subscription) return open();
    // A member change missed while disconnected may have moved the room to another epoch.
    if (membersOnly) await follow();
    await fill(generation);
  }

  const { send, retry } = outbox;
  const { edit, remove, react } = changes;
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

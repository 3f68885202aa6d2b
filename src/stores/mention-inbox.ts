import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { userChannel } from '../../core/channels.ts';
import { checkMentionEvent, type MentionEvent, type MentionNotice, type MentionWithdrawal } from '../../core/mention-notice.ts';
import { gapFillAfterId } from '../../core/timeline-cursor.ts';
import { countMentionsAfter } from '../lib/unread.ts';
import type { LiveSubscription } from '../services/events.ts';
import { useServices } from '../services/services.ts';
import { useConnectionStore } from './connection.ts';
import { useMentionAlertsStore } from './mention-alerts.ts';
import { useOpenRoomsStore } from './open-rooms.ts';
import { useReadMarkersStore } from './read-markers.ts';
import { useSessionStore } from './session.ts';

export type MentionInboxStatus = 'idle' | 'connecting' | 'ready' | 'error';

/** Pages of stored mentions read per catch-up (100 each): a month of a busy member's mentions. */
const MAX_STORED_PAGES = 5;

/**
 * Mentions of the reader in rooms the app has not open, heard on their own channel
 * (`/signals/users/<sub>`): the one subscription to it, held while signed in. A notice comes for a
 * new message and for an edit that newly mentions the reader (under the message's id), so a
 * message already counted may come again (edited out and back in); it counts once. A room that is
 * open counts its mentions from its own timeline, so its notices only notify (mention-alerts
 * notifies each message once, whichever way it came): that is how an edit there that newly
 * mentions the reader notifies, which the room's feed does not. A notice is not replayed, so once
 * subscribed (nothing published from then on is missed) the store reads the ones stored while the
 * app was closed (`GET /me/mentions`, kept 30 days) and after each reconnect those since the
 * newest heard; both go through the same path, deduped by message id. The list is in the order
 * mentions were stored, so an edit's mention of an older message, stored while the socket was
 * down, comes after the newest heard too.
 * The first read is from the start of the list, not the oldest read marker: a room never opened
 * has no marker, and markers live on one device. A stored mention only badges (a notification
 * for each after a reload would repeat them); the badge counts it until the room is read past it,
 * and not at all once it is (an edit of a message read already notifies, but does not badge).
 * When the author deletes the message, a withdrawal comes the same ways (live, or later in the
 * stored list) and the mention stops counting; one heard before its mention (a read of the list
 * racing the live channel) keeps that mention from counting at all. A moderator's removal, which
 * can be undone, takes nothing back.
 */
export const useMentionInboxStore = defineStore('mention-inbox', () => {
  const { events, profile } = useServices();
  const session = useSessionStore();
  const openRooms = useOpenRoomsStore();
  const markers = useReadMarkersStore();
  const alerts = useMentionAlertsStore();
  const connection = useConnectionStore();
  const status = ref<MentionInboxStatus>('idle');
  /** Per room, the ids of messages heard to mention the reader while the room was not open. */
  const heard = ref<Record<string, string[]>>({});
  let subscription: Promise<LiveSubscription | null> | null = null;
  /** The newest mention id heard either way: a reconnect reads the stored list from just before it. */
  let newestId: string | undefined;
  /** Messages whose mention was withdrawn (deleted by their author): never counted again. */
  const withdrawn = new Set<string>();

  /** Per room heard of, its mentions after the read marker: opening and reading the room clears it. */
  const mentionCounts = computed<Record<string, number>>(() =>
    Object.fromEntries(Object.entries(heard.value).map(([roomId, ids]) => [roomId, countMentionsAfter(ids, markers.markers[roomId])])),
  );

  function noticeArrived(value: unknown): void {
    const checked = checkMentionEvent(value);
    if (checked.ok) take(checked.value, true);
  }

  function take(event: MentionEvent, alert: boolean): void {
    if (event.type === 'mention.withdrawn') withdraw(event);
    else record(event, alert);
  }

  function withdraw({ roomId, messageId }: MentionWithdrawal): void {
    withdrawn.add(messageId);
    alerts.withdrawn(messageId);
    const ids = heard.value[roomId];
    if (ids?.includes(messageId)) heard.value = { ...heard.value, [roomId]: ids.filter((id) => id !== messageId) };
  }

  function record(notice: MentionNotice, alert: boolean): void {
    if (notice.author.sub === session.user?.sub || withdrawn.has(notice.messageId)) return;
    if (openRooms.isOpen(notice.roomId)) {
      if (alert) alerts.noticeArrived(notice);
      return;
    }
    if (newestId === undefined || notice.messageId > newestId) newestId = notice.messageId;
    const ids = heard.value[notice.roomId] ?? [];
    if (ids.includes(notice.messageId)) return;
    heard.value = { ...heard.value, [notice.roomId]: [...ids, notice.messageId] };
    if (alert) alerts.noticeArrived(notice);
  }

  /** The stored mentions above `after`, page by page; a failed read leaves the live ones as they are. */
  async function readStored(after: string | undefined, pending: Promise<unknown>): Promise<void> {
    let cursor = after;
    for (let page = 0; page < MAX_STORED_PAGES; page += 1) {
      const list = await profile.getMyMentions(cursor).catch(() => null);
      if (list === null || subscription !== pending) return;
      list.items.forEach((event) => take(event, false));
      if (list.nextCursor === undefined) return;
      cursor = list.nextCursor;
    }
  }

  function listen(sub: string): void {
    status.value = 'connecting';
    const pending = events
      .subscribe(userChannel(sub), { next: noticeArrived, error: () => (status.value = 'error') })
      .then((live) => {
        // Signed out (or in as someone else) while it connected: close it at once.
        if (subscription !== pending) {
          live.unsubscribe();
          return null;
        }
        status.value = 'ready';
        void readStored(undefined, pending);
        return live;
      })
      .catch(() => {
        if (subscription === pending) status.value = 'error';
        return null;
      });
    subscription = pending;
  }

  function stop(): void {
    const current = subscription;
    subscription = null;
    status.value = 'idle';
    heard.value = {};
    newestId = undefined;
    withdrawn.clear();
    void current?.then((live) => live?.unsubscribe());
  }

  watch(
    () => session.user?.sub,
    (sub) => {
      stop();
      if (sub) listen(sub);
    },
    { immediate: true },
  );

  // Clock skew between Lambda instances: start a little before the newest heard, as a gap fill does.
  watch(
    () => connection.reconnects,
    () => {
      if (subscription) void readStored(newestId === undefined ? undefined : gapFillAfterId(newestId), subscription);
    },
  );

  return { status, mentionCounts, noticeArrived };
});

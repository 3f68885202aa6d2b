import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { userChannel } from '../../core/channels.ts';
import { checkMentionNotice } from '../../core/mention-notice.ts';
import { countMentionsAfter } from '../lib/unread.ts';
import type { LiveSubscription } from '../services/events.ts';
import { useServices } from '../services/services.ts';
import { useMentionAlertsStore } from './mention-alerts.ts';
import { useOpenRoomsStore } from './open-rooms.ts';
import { useReadMarkersStore } from './read-markers.ts';
import { useSessionStore } from './session.ts';

export type MentionInboxStatus = 'idle' | 'connecting' | 'ready' | 'error';

/**
 * Mentions of the reader in rooms the app has not open, heard on their own channel
 * (`/signals/users/<sub>`): the one subscription to it, held while signed in. A notice for a room
 * that is open is left to that room's feed, which counts and notifies its live messages already.
 * Notices are ephemeral: one missed while offline shows once the room is opened (its history).
 */
export const useMentionInboxStore = defineStore('mention-inbox', () => {
  const { events } = useServices();
  const session = useSessionStore();
  const openRooms = useOpenRoomsStore();
  const markers = useReadMarkersStore();
  const alerts = useMentionAlertsStore();
  const status = ref<MentionInboxStatus>('idle');
  /** Per room, the ids of messages heard to mention the reader while the room was not open. */
  const heard = ref<Record<string, string[]>>({});
  let subscription: Promise<LiveSubscription | null> | null = null;

  /** Per room heard of, its mentions after the read marker: opening and reading the room clears it. */
  const mentionCounts = computed<Record<string, number>>(() =>
    Object.fromEntries(Object.entries(heard.value).map(([roomId, ids]) => [roomId, countMentionsAfter(ids, markers.markers[roomId])])),
  );

  function noticeArrived(value: unknown): void {
    const checked = checkMentionNotice(value);
    if (!checked.ok) return;
    const notice = checked.value;
    if (notice.author.sub === session.user?.sub || openRooms.isOpen(notice.roomId)) return;
    const ids = heard.value[notice.roomId] ?? [];
    if (ids.includes(notice.messageId)) return;
    heard.value = { ...heard.value, [notice.roomId]: [...ids, notice.messageId] };
    alerts.noticeArrived(notice);
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

  return { status, mentionCounts, noticeArrived };
});

import { defineStore } from 'pinia';
import { computed, inject, ref } from 'vue';
import type { MentionNotice } from '../../core/mention-notice.ts';
import type { ChatMessage } from '../../core/messages.ts';
import { personLabel } from '../lib/person-label.ts';
import { createBrowserNotifier, NOTIFIER, type NotifyPermission } from '../services/notifier.ts';
import { useSessionStore } from './session.ts';

/** Set once the member dismissed the offer (or answered the browser): the app never asks again. */
export const MENTION_OFFER_KEY = 'parley:mention-offer-done';

/** Whether `message` mentions `sub` (and is not their own). */
export function mentionsReader(message: ChatMessage, sub: string | undefined): boolean {
  return sub !== undefined && message.author.sub !== sub && (message.mentions ?? []).some((m) => m.sub === sub);
}

/** The message a notification opens. */
export interface MentionTarget {
  roomId: string;
  id: string;
}

/**
 * Browser notifications of mentions while the tab is hidden: from an open room's live messages
 * (`messageArrived`) and from the reader's own channel (`noticeArrived`: new messages and edits
 * that newly mention the reader, in any room; an open room's feed does not notify edits), each
 * message at most once whichever way it came. Permission is asked only when the member chooses
 * "Notify me when mentioned"; the offer shows while the browser has not been asked and the member
 * has not dismissed it, and never again after either.
 */
export const useMentionAlertsStore = defineStore('mention-alerts', () => {
  const notifier = inject(NOTIFIER, null) ?? createBrowserNotifier();
  const session = useSessionStore();
  const permission = ref<NotifyPermission>(notifier.permission());
  const done = ref(localStorage.getItem(MENTION_OFFER_KEY) === '1');
  /** Where activating a notification takes the member (the app sets it to open the room). */
  let openMessage: (target: MentionTarget) => void = () => undefined;
  /** Messages already notified: a mention heard on the reader's channel and in its room is one. */
  const notified = new Set<string>();

  const offered = computed(() => permission.value === 'default' && !done.value);

  function finish(): void {
    done.value = true;
    localStorage.setItem(MENTION_OFFER_KEY, '1');
  }

  /** The member chose to be notified: asks the browser (this is the user action it needs). */
  async function enable(): Promise<void> {
    finish();
    permission.value = await notifier.request();
  }

  function onOpen(handler: (target: MentionTarget) => void): void {
    openMessage = handler;
  }

  /** Shows one mention's notification when the tab is hidden and the member allowed it, once per message. */
  function notify(target: MentionTarget, authorName: string, text: string): void {
    if (notified.has(target.id) || !notifier.hidden()) return;
    permission.value = notifier.permission();
    if (permission.value !== 'granted') return;
    notified.add(target.id);
    notifier.show(`${authorName} mentioned you`, text, `mention-${target.id}`, () => openMessage(target));
  }

  /** A live message of an open room: notifies when it mentions the reader. */
  function messageArrived(message: ChatMessage): void {
    if (mentionsReader(message, session.user?.sub)) notify({ roomId: message.roomId, id: message.id }, personLabel(message.author), message.text);
  }

  /** A mention heard on the reader's own channel, of a message or an edit, in any room. */
  function noticeArrived(notice: MentionNotice): void {
    notify({ roomId: notice.roomId, id: notice.messageId }, personLabel(notice.author), notice.excerpt);
  }

  /** The author deleted a mentioning message: its notification, if still up, goes too. */
  function withdrawn(messageId: string): void {
    notifier.close(`mention-${messageId}`);
  }

  return { permission, offered, enable, dismiss: finish, onOpen, messageArrived, noticeArrived, withdrawn };
});

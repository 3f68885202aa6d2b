import { defineStore } from 'pinia';
import { computed, inject, ref } from 'vue';
import type { ChatMessage } from '../../core/messages.ts';
import { createBrowserNotifier, NOTIFIER, type NotifyPermission } from '../services/notifier.ts';
import { useSessionStore } from './session.ts';

/** Set once the member dismissed the offer (or answered the browser): the app never asks again. */
export const MENTION_OFFER_KEY = 'parley:mention-offer-done';

/** Whether `message` mentions `sub` (and is not their own). */
export function mentionsReader(message: ChatMessage, sub: string | undefined): boolean {
  return sub !== undefined && message.author.sub !== sub && (message.mentions ?? []).some((m) => m.sub === sub);
}

/**
 * Browser notifications of mentions while the tab is hidden. Permission is asked only when the
 * member chooses "Notify me when mentioned"; the offer shows while the browser has not been
 * asked and the member has not dismissed it, and never again after either.
 */
export const useMentionAlertsStore = defineStore('mention-alerts', () => {
  const notifier = inject(NOTIFIER, null) ?? createBrowserNotifier();
  const session = useSessionStore();
  const permission = ref<NotifyPermission>(notifier.permission());
  const done = ref(localStorage.getItem(MENTION_OFFER_KEY) === '1');
  /** Where activating a notification takes the member (the app sets it to open the room). */
  let openMessage: (message: ChatMessage) => void = () => undefined;

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

  function onOpen(handler: (message: ChatMessage) => void): void {
    openMessage = handler;
  }

  /** A live message: notifies when it mentions the reader, the tab is hidden and they allowed it. */
  function messageArrived(message: ChatMessage): void {
    if (!mentionsReader(message, session.user?.sub) || !notifier.hidden()) return;
    permission.value = notifier.permission();
    if (permission.value !== 'granted') return;
    notifier.show(`${message.author.displayName} mentioned you`, message.text, `mention-${message.id}`, () => openMessage(message));
  }

  return { permission, offered, enable, dismiss: finish, onOpen, messageArrived };
});

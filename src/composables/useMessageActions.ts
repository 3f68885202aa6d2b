import { type InjectionKey, inject, provide, ref, shallowRef } from 'vue';
import type { ChatMessage, ReplyRef } from '../../core/messages.ts';
import { REPLY_EXCERPT_MAX_LENGTH } from '../../core/limits.ts';
import type { MessageReactions } from '../../core/reactions.ts';
import type { ChangeOutcome } from '../stores/room-changes.ts';

/** What a room offers its messages (the room store does). */
export interface ChangeableRoom {
  edit(messageId: string, text: string): Promise<ChangeOutcome>;
  remove(messageId: string): Promise<ChangeOutcome>;
  react(messageId: string, emoji: string, add: boolean): Promise<ChangeOutcome>;
}

export interface MessageActionsOptions {
  room: () => ChangeableRoom;
  /** The reader's sub: their own messages offer Edit and Delete. */
  selfSub: () => string | undefined;
  /** Shows a message of the room, loading older pages as needed (the linked-message jump). */
  jumpTo: (messageId: string) => void;
  /** The link to a message, for Copy link. */
  linkTo: (messageId: string) => string;
  report: (message: ChatMessage) => void;
  /** Who reacted to a message (the history API); absent where nobody can ask. */
  whoReacted?: (messageId: string) => Promise<MessageReactions>;
  /** Says something to everyone (a status line a screen reader reads). */
  announce: (text: string) => void;
}

function excerptOf(text: string): string {
  const points = Array.from(text);
  return points.length > REPLY_EXCERPT_MAX_LENGTH ? `${points.slice(0, REPLY_EXCERPT_MAX_LENGTH).join('')}…` : text;
}

/**
 * The message menu's actions for one room, shared by its rows through provide/inject (a list row
 * would otherwise pass a dozen events up through the virtual list). Holds which message is being
 * edited, replied to or deleted; the room store does the sending.
 */
export function createMessageActions(options: MessageActionsOptions) {
  const editingId = ref<string | null>(null);
  const replyingTo = shallowRef<ReplyRef | null>(null);
  const deleting = shallowRef<ChatMessage | null>(null);
  /** Bumped to ask the composer for focus (after choosing Reply, after an edit ends). */
  const composerFocus = ref(0);

  const isOwn = (message: ChatMessage) => message.author.sub !== '' && message.author.sub === options.selfSub();

  function startEdit(message: ChatMessage): void {
    if (isOwn(message)) editingId.value = message.id;
  }

  function endEdit(): void {
    editingId.value = null;
    composerFocus.value += 1;
  }

  async function saveEdit(message: ChatMessage, text: string): Promise<ChangeOutcome> {
    if (text === message.text) {
      endEdit();
      return { ok: true };
    }
    const outcome = await options.room().edit(message.id, text);
    if (outcome.ok) {
      endEdit();
      options.announce('Message edited');
    }
    return outcome;
  }

  function reply(message: ChatMessage): void {
    replyingTo.value = { id: message.id, author: message.author, excerpt: excerptOf(message.text) };
    composerFocus.value += 1;
  }

  async function react(message: ChatMessage, emoji: string, add: boolean): Promise<void> {
    const outcome = await options.room().react(message.id, emoji, add);
    options.announce(outcome.ok ? `${add ? 'Reacted' : 'Took back your reaction'} ${emoji}` : outcome.error);
  }

  async function copyLink(message: ChatMessage): Promise<void> {
    try {
      await navigator.clipboard.writeText(options.linkTo(message.id));
      options.announce('Link copied');
    } catch {
      options.announce(`Could not copy; the link is ${options.linkTo(message.id)}`);
    }
  }

  return {
    editingId,
    replyingTo,
    deleting,
    composerFocus,
    isOwn,
    startEdit,
    cancelEdit: endEdit,
    saveEdit,
    reply,
    cancelReply: () => (replyingTo.value = null),
    askDelete: (message: ChatMessage) => (deleting.value = isOwn(message) ? message : null),
    react,
    copyLink,
    jumpTo: options.jumpTo,
    report: options.report,
    whoReacted: options.whoReacted,
  };
}

export type MessageActions = ReturnType<typeof createMessageActions>;

export const MESSAGE_ACTIONS: InjectionKey<MessageActions> = Symbol('message-actions');

export function provideMessageActions(actions: MessageActions): void {
  provide(MESSAGE_ACTIONS, actions);
}

/** The room's message actions, or null outside a room (a row mounted alone offers no menu). */
export function useMessageActions(): MessageActions | null {
  return inject(MESSAGE_ACTIONS, null);
}

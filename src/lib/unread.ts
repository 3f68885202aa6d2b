import { messageIdTime } from '../../core/message-id.ts';
import type { ChatMessage } from '../../core/messages.ts';
import type { Timeline } from '../../core/timeline.ts';

/**
 * For a room that is not subscribed (no timeline to count): whether the room list's
 * `lastMessageAt` is newer than the newest message read there. A read marker is a message id,
 * whose first characters encode its time; no marker at all means never read.
 */
export function hasUnreadSince(lastMessageAt: string | null, readMarker: string | undefined): boolean {
  if (!lastMessageAt) return false;
  if (readMarker === undefined) return true;
  const readAt = messageIdTime(readMarker);
  return readAt === null || Date.parse(lastMessageAt) > readAt;
}

/** What the room list shows about one room's activity. */
export interface RoomActivity {
  /** Counted unread messages: only for open rooms, whose timelines are at hand. */
  unread: number;
  /** Something is unread: counted for open rooms, else from `lastMessageAt` against the read marker. */
  hasUnread: boolean;
  /** The newer of the list's `lastMessageAt` and the newest message seen live. */
  lastActivity: string | null;
}

/**
 * One room's activity as the list shows it. `unread` and `newestLive` are given for open rooms
 * only (undefined otherwise): a count for every room would cost one history request per room.
 */
export function roomActivity(lastMessageAt: string | null, readMarker: string | undefined, unread?: number, newestLive?: string | null): RoomActivity {
  const live = newestLive ?? null;
  return {
    unread: unread ?? 0,
    hasUnread: unread === undefined ? hasUnreadSince(lastMessageAt, readMarker) : unread > 0,
    lastActivity: live !== null && (lastMessageAt === null || live > lastMessageAt) ? live : lastMessageAt,
  };
}

/** Unread messages after `afterId` that mention `readerSub` (deleted and removed ones left out): the room list's mention badge. */
export function countUnreadMentions(timeline: Timeline, afterId: string | undefined, readerSub: string): number {
  return timeline.ids.filter((id) => {
    const message = timeline.byId[id] as ChatMessage;
    return (
      (afterId === undefined || id > afterId) &&
      timeline.removed[id] !== true &&
      timeline.deleted[id] !== true &&
      message.author.sub !== readerSub &&
      (message.mentions ?? []).some((m) => m.sub === readerSub)
    );
  }).length;
}

/** Mentions heard of (message ids) after the read marker `afterId`; ids sort in time order. */
export function countMentionsAfter(messageIds: readonly string[], afterId: string | undefined): number {
  return messageIds.filter((id) => afterId === undefined || id > afterId).length;
}

/**
 * A room's activity with its mention badge: a room with a mention is unread even when the list's
 * `lastMessageAt` (loaded before the mention) does not say so yet.
 */
export function withMentions(activity: RoomActivity, mentions: number): RoomActivity & { mentions: number } {
  return { ...activity, mentions, hasUnread: activity.hasUnread || mentions > 0 };
}

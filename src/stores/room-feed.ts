import { shallowRef } from 'vue';
import type { Room } from '../../core/history-api.ts';
import type { ChatMessage } from '../../core/messages.ts';
import { toChatEvent, toMemberChange, toRoomUpdate } from '../../core/timeline-events.ts';
import type { TimelineInput } from '../../core/timeline.ts';
import { describeMemberChange, type MemberChangeLine } from '../lib/member-change.ts';

export interface FeedDeps {
  roomId: string;
  /** Every chat event goes through the room's pure merge. */
  record(input: TimelineInput): void;
  /** The newest stored message id now: a member change line is placed after it. */
  newestId(): string | undefined;
  typing: { messageArrived(roomId: string, sub: string): void };
  mentions: { messageArrived(message: ChatMessage): void };
  rooms: { adopt(room: Room): void };
  /** A member was removed: the room moved to a new epoch, which it follows. */
  removed(): void;
}

/**
 * What a room's subscription delivers, each data frame to where it belongs: chat events to the
 * timeline (and a new message to typing and mention alerts), member changes to `memberChanges`,
 * room updates to the room list. Frames of another room or of no known shape are ignored.
 */
export function createFeed(deps: FeedDeps) {
  /** "Alice @alice added Bob @bob" lines seen live since the room opened (member changes are not stored). */
  const memberChanges = shallowRef<MemberChangeLine[]>([]);

  function next(data: unknown): void {
    const event = toChatEvent(data, deps.roomId);
    if (event?.type === 'message.created') {
      // Their message is here: "is typing" ends now, not when the signal times out.
      deps.typing.messageArrived(deps.roomId, event.message.author.sub);
      deps.mentions.messageArrived(event.message);
    }
    if (event) return deps.record({ kind: 'event', event });
    const change = toMemberChange(data, deps.roomId);
    if (change) {
      memberChanges.value = [...memberChanges.value, describeMemberChange(change, deps.newestId())];
      // After a removal the room moved to a new epoch; the one removed learns it by a 404.
      if (change.type === 'member.removed') deps.removed();
      return;
    }
    // A moderator renamed, archived or unarchived the room: its title and read-only state.
    const update = toRoomUpdate(data, deps.roomId);
    if (update) deps.rooms.adopt(update.room);
  }

  /** The room closed: the lines go with its timeline. */
  function clear(): void {
    memberChanges.value = [];
  }

  return { memberChanges, next, clear };
}

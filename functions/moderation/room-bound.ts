import type { Room } from '../../core/history-api.ts';
import { maxMessageIdAt } from '../../core/message-id.ts';
import type { Source } from './budgeted-merge.ts';
import type { IdRange } from './filters.ts';

/**
 * How far a message id may run ahead of its room's `lastMessageAt`: both come from the same
 * clock reading in persist-messages, but the id generator stays monotonic when the clock steps
 * back, so allow a minute.
 */
const ID_AHEAD_MS = 60_000;

/**
 * A room's timeline as a search source that says how new its newest message can be, or null when
 * the room has nothing in `range`: it never had a message, or its last one is older than the
 * range. A flood of empty rooms then costs the all-rooms search nothing but the room list, and
 * quiet rooms are read only when the merge reaches their last message.
 */
export function boundedRoomSource<T>(room: Pick<Room, 'lastMessageAt'>, range: IdRange, open: () => Source<T>): Source<T> | null {
  if (room.lastMessageAt === null || room.lastMessageAt === undefined) return null;
  const last = Date.parse(room.lastMessageAt);
  if (Number.isNaN(last)) return open();
  const bound = maxMessageIdAt(last + ID_AHEAD_MS);
  if (range.lower !== undefined && bound < range.lower) return null;
  const newest = range.upper !== undefined && range.upper < bound ? range.upper : bound;
  const source = open();
  return { read: (max) => source.read(max), newest };
}

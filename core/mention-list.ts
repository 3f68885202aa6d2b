/**
 * `GET /me/mentions`: the mentions of the caller stored while they may have been away, so a
 * notice missed offline still badges its room. `persist-messages` stores one per notice it sends
 * (the same recipients), and one per withdrawal, and keeps each `MENTION_LIST_DAYS`; the app reads
 * it once per sign-in and after each reconnect.
 */
import { type Checked, isRecord, refuse } from './checked.ts';
import { checkMentionEvent, type MentionEvent } from './mention-notice.ts';
import { isMessageId } from './message-id.ts';

/** Most mentions one answer holds, and the default `limit`. */
export const MENTION_LIST_MAX_LIMIT = 100;

/** How long a stored mention is kept (its TTL): older ones show only in the room's history. */
export const MENTION_LIST_DAYS = 30;

/**
 * One page, in the order they were stored: the mentions stored after `after`, a position in
 * message-id form (a message id works: its time). `nextCursor`, present when more follow, is the
 * last item's position: pass it as the next request's `after`.
 */
export interface MentionList {
  /** Mentions, and withdrawals of mentions whose message its author deleted since. */
  items: MentionEvent[];
  nextCursor?: string;
}

const KNOWN_TYPES: readonly unknown[] = ['mention', 'mention.withdrawn'];

/**
 * The list built from its known fields only, or what is wrong with `value`. An item of a kind this
 * app does not know (a `type` a later server lists) is left out rather than failing the page, so an
 * app open across a deploy keeps reading its mentions; a malformed item of a known kind fails it.
 */
export function checkMentionList(value: unknown): Checked<MentionList> {
  if (!isRecord(value) || !Array.isArray(value.items)) return refuse('items: not a list');
  if (value.nextCursor !== undefined && !isMessageId(value.nextCursor)) return refuse('nextCursor: not a message id');
  const items: MentionEvent[] = [];
  const problems = value.items.flatMap((item: unknown, i: number) => {
    if (isRecord(item) && typeof item.type === 'string' && !KNOWN_TYPES.includes(item.type)) return [];
    const checked = checkMentionEvent(item);
    if (!checked.ok) return [`items[${i}]: ${checked.error}`];
    items.push(checked.value);
    return [];
  });
  if (problems.length > 0) return refuse(problems[0] as string);
  return { ok: true, value: { items, ...(value.nextCursor === undefined ? {} : { nextCursor: value.nextCursor }) } };
}

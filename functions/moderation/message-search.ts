import type { ModeratedMessage, ModerationPage } from '../../core/moderation.ts';
import type { RoomStore } from '../lib/room-store.ts';
import { type AuthorLookupDeps, resolveAuthor } from './author-lookup.ts';
import { budgetedMerge, type Source } from './budgeted-merge.ts';
import { type AuthorCursor, decodeAuthorCursor, decodeCursor, encodeAuthorCursor, encodeCursor } from './cursor.ts';
import { idRange, type IdRange, type MessageFilters, type PageParams } from './filters.ts';
import type { StoredMessage } from './moderation-records.ts';
import type { ModerationStore, ReadMeter } from './moderation-store.ts';
import { boundedRoomSource } from './room-bound.ts';
import { moderatorMayRead, requireListableRoom, type RoomReadAudit } from './moderator-reads.ts';

/**
 * Items a message search reads per request, at most: ~270 KB of typical messages, ~33 RCU
 * (eventually consistent). A selective text match stops here and says `truncated`.
 */
export const MESSAGE_READ_BUDGET = 1000;

export interface MessageSearchDeps extends AuthorLookupDeps {
  store: ModerationStore;
  rooms: Pick<RoomStore, 'list'>;
}

/** Which index serves a query: the most selective key the filters give. */
export type MessagePlan =
  | { kind: 'removed' }
  | { kind: 'authors' }
  | { kind: 'room'; roomId: string }
  | { kind: 'all-rooms' };

export function planMessageQuery(filters: MessageFilters): MessagePlan {
  if (filters.status === 'removed') return { kind: 'removed' };
  if (filters.author !== undefined) return { kind: 'authors' };
  if (filters.roomId !== undefined) return { kind: 'room', roomId: filters.roomId };
  return { kind: 'all-rooms' };
}

/**
 * Every filter as one predicate, applied to whatever the plan's index returns (the index only
 * narrows; re-checking a filter it already applied costs nothing). A DM's messages never match:
 * a search cannot tell which were reported (moderator-reads.ts), and the author and removed
 * indexes hold them beside everyone else's.
 */
export function messageMatcher(filters: MessageFilters, range: IdRange, authorSubs: readonly string[] | undefined) {
  return (stored: StoredMessage): boolean => {
    const { message, status } = stored.view;
    return (
      (range.lower === undefined || stored.id >= range.lower) &&
      (range.upper === undefined || stored.id <= range.upper) &&
      (filters.roomId === undefined || message.roomId === filters.roomId) &&
      (filters.status === undefined || status === filters.status) &&
      (authorSubs === undefined || authorSubs.includes(message.author.sub)) &&
      (filters.q === undefined || message.text.toLowerCase().includes(filters.q)) &&
      moderatorMayRead(message, false)
    );
  };
}

export interface MessageSearchResult extends ModerationPage<ModeratedMessage> {
  meter: ReadMeter;
}

/**
 * A page of messages matching `filters`. A DM named by `roomId` is a 404 and DMs are left out of
 * everything else; every private room the page shows, and one named by `roomId` even when the
 * page is empty, is recorded in `reads` (its `room.read` audit entry) before the page is returned.
 */
export async function searchMessages(
  deps: MessageSearchDeps,
  filters: MessageFilters,
  page: PageParams,
  meter: ReadMeter,
  reads: RoomReadAudit,
  budget = MESSAGE_READ_BUDGET,
): Promise<MessageSearchResult> {
  if (filters.roomId !== undefined) requireListableRoom(filters.roomId);
  const result = await search(deps, filters, page, meter, budget);
  await reads.record([...(filters.roomId === undefined ? [] : [filters.roomId]), ...result.items.map((item) => item.message.roomId)]);
  return result;
}

async function search(deps: MessageSearchDeps, filters: MessageFilters, page: PageParams, meter: ReadMeter, budget: number): Promise<MessageSearchResult> {
  const plan = planMessageQuery(filters);
  if (plan.kind === 'authors') return searchAuthors(deps, filters, page, meter, budget);
  const beforeId = page.cursor === undefined ? undefined : decodeCursor(page.cursor, 'messages', filters);
  // The cursor's own item was returned already: continue strictly below it.
  const range = idRange(filters, beforeId);
  const below = (stored: StoredMessage) => beforeId === undefined || stored.id < beforeId;
  // The removed-messages index serves an author filter too, checked on what it returns.
  const authorSubs = filters.author === undefined ? undefined : (await resolveAuthor(deps, filters.author)).subs;
  const sources = await sourcesFor(deps, plan, range, meter);
  const matches = messageMatcher(filters, range, authorSubs);
  const result = await budgetedMerge({
    sources,
    id: (stored) => stored.id,
    matches: (stored) => below(stored) && matches(stored),
    limit: page.limit,
    budget,
  });
  return {
    items: result.items.map((stored) => stored.view),
    ...(result.continueBelow === undefined ? {} : { nextCursor: encodeCursor('messages', filters, result.continueBelow) }),
    ...(result.truncated ? { truncated: true } : {}),
    meter,
  };
}

/**
 * The author filter (pattern 10): the authors' partitions are ordered by room and clientMsgId,
 * not by time, so no query returns their newest messages first. A request reads one window of
 * them in key order, at most `budget` items (the text search's budget), and answers that window's
 * matches newest first; the cursor pages on within the window (below an id, re-reading it), then
 * moves to the next window. An author with fewer messages than the budget fits in one window: the
 * answer is then exactly the newest first of everything, as before. A window that ends before the
 * page is full, with more to read, answers `truncated` like a text search cut off at its budget.
 * A window is fixed by the cursor's end key once read, so pages neither skip nor repeat an item;
 * only an author writing while a moderator pages can move an item into a window not yet read.
 */
async function searchAuthors(deps: MessageSearchDeps, filters: MessageFilters, page: PageParams, meter: ReadMeter, budget: number): Promise<MessageSearchResult> {
  const cursor: AuthorCursor = page.cursor === undefined ? { window: { start: { s: 0 } } } : decodeAuthorCursor(page.cursor, filters);
  const range = idRange(filters, undefined);
  const authorSubs = [...(await resolveAuthor(deps, filters.author!)).subs].sort();
  const window = await deps.store.authorWindow(authorSubs, filters.roomId, cursor.window, budget, meter);
  const matches = messageMatcher(filters, range, authorSubs);
  const found = window.items
    .filter((stored) => (cursor.below === undefined || stored.id < cursor.below) && matches(stored))
    .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const items = found.slice(0, page.limit);
  const next: AuthorCursor | undefined =
    found.length > page.limit
      ? { window: { start: cursor.window.start, ...(window.next === undefined ? {} : { end: window.next }) }, below: items.at(-1)!.id }
      : window.next === undefined
        ? undefined
        : { window: { start: window.next } };
  return {
    items: items.map((stored) => stored.view),
    ...(next === undefined ? {} : { nextCursor: encodeAuthorCursor(filters, next) }),
    ...(next !== undefined && items.length < page.limit ? { truncated: true } : {}),
    meter,
  };
}

async function sourcesFor(deps: MessageSearchDeps, plan: Exclude<MessagePlan, { kind: 'authors' }>, range: IdRange, meter: ReadMeter): Promise<Source<StoredMessage>[]> {
  switch (plan.kind) {
    case 'removed':
      return [deps.store.removed(range, meter)];
    case 'room':
      return [deps.store.room(plan.roomId, range, meter)];
    case 'all-rooms':
      // No index orders all rooms together: merge each room's timeline (one partition per room),
      // each opened only once the merge reaches its last message (room-bound.ts). DMs are not
      // read at all: none of their messages could be shown.
      return (await deps.rooms.list())
        .filter((room) => moderatorMayRead({ roomId: room.id }, false))
        .flatMap((room) => boundedRoomSource(room, range, () => deps.store.room(room.id, range, meter)) ?? []);
  }
}

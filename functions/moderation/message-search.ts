import type { ModeratedMessage, ModerationPage } from '../../core/moderation.ts';
import type { AuthorDirectory } from '../lib/author-directory.ts';
import type { RoomStore } from '../lib/room-store.ts';
import { budgetedMerge, type Source } from './budgeted-merge.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { idRange, type IdRange, type MessageFilters, type PageParams } from './filters.ts';
import type { StoredMessage } from './moderation-records.ts';
import type { ModerationStore, ReadMeter } from './moderation-store.ts';

/**
 * Items a message search reads per request, at most: ~270 KB of typical messages, ~33 RCU
 * (eventually consistent). A selective text match stops here and says `truncated`.
 */
export const MESSAGE_READ_BUDGET = 1000;

export interface MessageSearchDeps {
  store: ModerationStore;
  rooms: Pick<RoomStore, 'list'>;
  authors: Pick<AuthorDirectory, 'find'>;
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
 * narrows; re-checking a filter it already applied costs nothing).
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
      (filters.q === undefined || message.text.toLowerCase().includes(filters.q))
    );
  };
}

export interface MessageSearchResult extends ModerationPage<ModeratedMessage> {
  meter: ReadMeter;
}

export async function searchMessages(
  deps: MessageSearchDeps,
  filters: MessageFilters,
  page: PageParams,
  meter: ReadMeter,
  budget = MESSAGE_READ_BUDGET,
): Promise<MessageSearchResult> {
  const beforeId = page.cursor === undefined ? undefined : decodeCursor(page.cursor, 'messages', filters);
  // The cursor's own item was returned already: continue strictly below it.
  const range = idRange(filters, beforeId);
  const below = (stored: StoredMessage) => beforeId === undefined || stored.id < beforeId;
  const plan = planMessageQuery(filters);
  const authorSubs = filters.author === undefined ? undefined : await resolveAuthor(deps.authors, filters.author);
  const sources = await sourcesFor(deps, plan, filters, range, authorSubs ?? [], meter);
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

/** The subs a typed author name stands for: directory matches, plus the text itself as a sub. */
export async function resolveAuthor(authors: Pick<AuthorDirectory, 'find'>, author: string): Promise<string[]> {
  return [...new Set([...(await authors.find(author)), author])];
}

async function sourcesFor(
  deps: MessageSearchDeps,
  plan: MessagePlan,
  filters: MessageFilters,
  range: IdRange,
  authorSubs: string[],
  meter: ReadMeter,
): Promise<Source<StoredMessage>[]> {
  switch (plan.kind) {
    case 'removed':
      return [deps.store.removed(range, meter)];
    case 'authors':
      return [deps.store.authors(authorSubs, filters.roomId, range, meter)];
    case 'room':
      return [deps.store.room(plan.roomId, range, meter)];
    case 'all-rooms':
      // No index orders all rooms together: merge each room's timeline (one partition per room).
      return (await deps.rooms.list()).map((room) => deps.store.room(room.id, range, meter));
  }
}

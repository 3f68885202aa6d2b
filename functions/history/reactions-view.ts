import type { HistoryItem } from '../../core/messages.ts';
import type { ReactionEntry } from '../lib/reaction-item.ts';
import { summarize } from '../lib/reaction-item.ts';
import type { ReactionStore } from '../lib/reaction-store.ts';

/**
 * The reactions of a page's messages as `reader` sees them: one Query of the room's reactions
 * items over the page's id range (0.5 RCU while none reacted; ~100–200 B per reacted message),
 * and `mine` from the subs each item lists, so no read per message. Tombstones carry none.
 */
export async function withReactions(reactions: ReactionStore, roomId: string, items: HistoryItem[], reader: string | undefined): Promise<HistoryItem[]> {
  const ids = items.filter(isShown).map((item) => item.id).sort();
  if (ids.length === 0) return items;
  const found = await reactions.range(roomId, ids[0]!, ids.at(-1)!);
  return attach(items, found, reader);
}

/** The same for messages looked up one by one (a gap fill's `updates`): 0.5 RCU each. */
export async function withReactionsEach(reactions: ReactionStore, roomId: string, items: HistoryItem[], reader: string | undefined): Promise<HistoryItem[]> {
  const found = new Map(await Promise.all(items.filter(isShown).map(async (item) => [item.id, await reactions.get(roomId, item.id)] as const)));
  return attach(items, found, reader);
}

export function attach(items: HistoryItem[], found: Map<string, ReactionEntry[]>, reader: string | undefined): HistoryItem[] {
  return items.map((item) => {
    const summary = isShown(item) ? summarize(found.get(item.id) ?? [], reader) : [];
    return summary.length === 0 ? item : { ...item, reactions: summary };
  });
}

function isShown(item: HistoryItem): boolean {
  return !('removed' in item) && !('deleted' in item);
}

import type { HistoryItem } from '../../core/messages.ts';
import { type Overlay, overlaidHistoryItem } from '../lib/overlay-item.ts';
import type { OverlayStore } from '../lib/overlay-store.ts';

/**
 * A page's messages as `reader` sees them now: one Query of the room's overlay items over the
 * page's id range (free on DynamoDB Local and 0.5 RCU on DynamoDB while nothing changed; ~100–250 B
 * per changed message) gives each edited message its current text, each deleted one its
 * tombstone, and reactions with `mine` from the subs listed: no read per message. A removed
 * message, or one deleted before overlays held deletes, is a tombstone already and needs none.
 */
export async function withOverlays(overlays: OverlayStore, roomId: string, items: HistoryItem[], reader: string | undefined): Promise<HistoryItem[]> {
  const ids = items.filter(isShown).map((item) => item.id).sort();
  if (ids.length === 0) return items;
  const found = await overlays.range(roomId, ids[0]!, ids.at(-1)!);
  return attach(items, found, reader);
}

/** The same for messages looked up one by one (a gap fill's `updates`): 0.5 RCU each. */
export async function withOverlaysEach(overlays: OverlayStore, roomId: string, items: HistoryItem[], reader: string | undefined): Promise<HistoryItem[]> {
  const found = new Map(await Promise.all(items.filter(isShown).map(async (item) => [item.id, await overlays.get(roomId, item.id)] as const)));
  return attach(items, found, reader);
}

function attach(items: HistoryItem[], found: Map<string, Overlay | undefined>, reader: string | undefined): HistoryItem[] {
  return items.map((item) => overlaidHistoryItem(item, found.get(item.id), reader));
}

function isShown(item: HistoryItem): boolean {
  return !('removed' in item) && !('deleted' in item);
}

import type { HistoryItem } from '../../core/messages.ts';
import { type Overlay, overlaidHistoryItem } from '../lib/overlay-item.ts';
import type { OverlayStore } from '../lib/overlay-store.ts';

/**
 * Messages looked up one by one (a gap fill's `updates`) as `reader` sees them now: each edited
 * message with its current text, each deleted one as its tombstone, reactions with `mine`. The
 * overlays already `read` are used as they are; any other is a GetItem (0.5 RCU). A removed
 * message, or one deleted before overlays held deletes, is a tombstone already and needs none.
 */
export async function withOverlaysEach(overlays: OverlayStore, roomId: string, items: HistoryItem[], read: Map<string, Overlay>, reader: string | undefined): Promise<HistoryItem[]> {
  const missing = items.filter((item) => isShown(item) && !read.has(item.id));
  const found = new Map<string, Overlay | undefined>([...read, ...(await Promise.all(missing.map(async (item) => [item.id, await overlays.get(roomId, item.id)] as const)))]);
  return items.map((item) => overlaidHistoryItem(item, found.get(item.id), reader));
}

function isShown(item: HistoryItem): boolean {
  return !('removed' in item) && !('deleted' in item);
}

import { fromMessageItem } from '../lib/message-item.ts';
import type { Overlay } from '../lib/overlay-item.ts';
import type { CapacityMeter, OverlayStore } from '../lib/overlay-store.ts';
import { type StoredMessage, toStoredMessage } from './moderation-records.ts';

/** How many rooms' overlays are read at once (an author's window can span many rooms). */
const QUERY_CONCURRENCY = 8;

/**
 * Message items as they read now, with their overlays (edits, deletes): one Query of each room's
 * overlay partition over the id span of the room's items in `items` (one chunk a search read from
 * the author or removed index; a room's own chunks carry their overlays already, in gsi1).
 * Each room in a chunk costs one Query: nothing on DynamoDB Local and 0.5 RCU on DynamoDB while none of
 * its messages changed, plus ~100–250 B per changed message in the span (changed messages of other
 * authors included, for a span an author's window covers). Read before the search's predicate, so
 * a text match sees the current text.
 */
export async function overlaidMessages(overlays: OverlayStore, items: Record<string, unknown>[], meter?: CapacityMeter): Promise<StoredMessage[]> {
  const places = items.map((item) => fromMessageItem(item));
  const spans = new Map<string, { from: string; to: string }>();
  for (const { roomId, id } of places) {
    const span = spans.get(roomId);
    spans.set(roomId, span === undefined ? { from: id, to: id } : { from: id < span.from ? id : span.from, to: id > span.to ? id : span.to });
  }
  const found = new Map<string, Map<string, Overlay>>();
  const rooms = [...spans];
  for (let i = 0; i < rooms.length; i += QUERY_CONCURRENCY) {
    const read = await Promise.all(rooms.slice(i, i + QUERY_CONCURRENCY).map(async ([roomId, { from, to }]) => [roomId, await overlays.range(roomId, from, to, meter)] as const));
    for (const [roomId, overlaysOfRoom] of read) found.set(roomId, overlaysOfRoom);
  }
  return items.map((item, i) => toStoredMessage(item, found.get(places[i]!.roomId)?.get(places[i]!.id)));
}

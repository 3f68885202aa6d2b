import type { ChatMessage, HistoryItem, Mention } from '../../core/messages.ts';
import { fromExtras, isDeletedItem, previousVersionsOf, toMentionItems } from './message-extras.ts';
import { overlayTimelineSk, roomTimelinePk } from './message-item.ts';
import { entriesOf, type ReactionEntry, summarize } from './reaction-item.ts';

/**
 * What happened to a message after it was stored, on one item per message (amplify/data/README.md,
 * "Edits, deletes and reactions"): `REACTS#<roomId>` / `<messageId>` in the table, and in gsi1
 * right after its message (`ROOM#<roomId>` / `MSG#<messageId>~`), so the Query that reads a page
 * of messages reads their changes too. A change writes 2 WRU under 1 KB (the item and its gsi1
 * copy), and that write is also what tells a reconnecting reader of it (`w`): no separate note.
 * The message item stays as first stored: its text is the original, the first version moderators
 * see. The table key kept the name it had when the item held reactions only.
 * - `v`: the write count, the condition of the next write.
 * - `w`: when it last changed (epoch ms): a gap fill carries the overlays changed after its anchor.
 *   Absent on overlays written before it, which a gap fill carries whenever it reads them.
 * - `r`: reactions, `[{e, s: [sub…]}]` (reaction-item.ts); absent while none.
 * - `t`, `e`, `n`: the current text, editedAt and re-resolved mentions (`[{s, h}]`; absent: none),
 *   present once edited.
 * - `pv`: `[{t?, at}]`, each text an edit replaced and when, oldest first; an entry without `t`
 *   stands for the message item's text (the original), which is not copied.
 * - `x`: deletedAt.
 */
export interface Overlay {
  v: number;
  w?: number;
  r?: ReactionEntry[];
  t?: string;
  e?: string;
  n?: { s: string; h: string }[];
  pv?: { t?: string; at: string }[];
  x?: string;
}

const OVERLAY_PREFIX = 'REACTS#';

/** The table partition of a room's overlays, sorted by message id. */
export function overlaysPk(roomId: string): string {
  return `${OVERLAY_PREFIX}${roomId}`;
}

export function overlayKey(roomId: string, messageId: string): { pk: string; sk: string } {
  return { pk: overlaysPk(roomId), sk: messageId };
}

/** The stored item: the keys and only the attributes that apply (names are billed as bytes). */
export function toOverlayItem(roomId: string, messageId: string, overlay: Overlay): Record<string, unknown> {
  const { v, w, r, t, e, n, pv, x } = overlay;
  return {
    ...overlayKey(roomId, messageId),
    gsi1pk: roomTimelinePk(roomId),
    gsi1sk: overlayTimelineSk(messageId),
    v,
    ...(w === undefined ? {} : { w }),
    ...(r && r.length > 0 ? { r } : {}),
    ...(t === undefined ? {} : { t }),
    ...(e === undefined ? {} : { e }),
    ...(n && n.length > 0 ? { n } : {}),
    ...(pv && pv.length > 0 ? { pv } : {}),
    ...(x === undefined ? {} : { x }),
  };
}

export function fromOverlayItem(item: Record<string, unknown> | undefined): Overlay | undefined {
  if (!item) return undefined;
  const r = entriesOf(item);
  return {
    v: typeof item.v === 'number' ? item.v : 0,
    ...(typeof item.w === 'number' ? { w: item.w } : {}),
    ...(r.length > 0 ? { r } : {}),
    ...(typeof item.t === 'string' ? { t: item.t } : {}),
    ...(typeof item.e === 'string' ? { e: item.e } : {}),
    ...(Array.isArray(item.n) ? { n: item.n as Overlay['n'] } : {}),
    ...(Array.isArray(item.pv) ? { pv: item.pv as Overlay['pv'] } : {}),
    ...(typeof item.x === 'string' ? { x: item.x } : {}),
  };
}

/**
 * Deleted by its author: on the overlay, or on the message item itself for a message deleted
 * before overlays held deletes.
 */
export function isDeleted(item: Record<string, unknown>, overlay: Overlay | undefined): boolean {
  return overlay?.x !== undefined || isDeletedItem(item);
}

export function deletedAtOf(item: Record<string, unknown>, overlay: Overlay | undefined): string | undefined {
  return overlay?.x ?? (typeof item.x === 'string' ? item.x : undefined);
}

/** `message` (as its item reads) with its current text, editedAt and mentions. Reactions aside. */
export function currentMessage(message: ChatMessage, overlay: Overlay | undefined): ChatMessage {
  if (overlay?.t === undefined) return message;
  const { mentions: _original, ...rest } = message;
  const { editedAt, mentions } = fromExtras({ e: overlay.e, n: overlay.n });
  return { ...rest, text: overlay.t, ...(editedAt === undefined ? {} : { editedAt }), ...(mentions === undefined ? {} : { mentions }) };
}

/**
 * The texts edits replaced, oldest first (moderators only): those recorded on the message item by
 * edits from before overlays, then the overlay's, whose first names the message item's text.
 */
export function previousVersions(item: Record<string, unknown>, overlay: Overlay | undefined): { text: string; replacedAt: string }[] {
  const itemText = (item.t as string | undefined) ?? (item.text as string);
  return [
    ...previousVersionsOf(item).map((v) => ({ text: v.t, replacedAt: v.at })),
    ...(overlay?.pv ?? []).map((v) => ({ text: v.t ?? itemText, replacedAt: v.at })),
  ];
}

/**
 * A history entry as `reader` sees it: a removal or a delete leaves the tombstone (a removal wins,
 * as on the message item), an edit the current text, and reactions their summary.
 */
export function overlaidHistoryItem(entry: HistoryItem, overlay: Overlay | undefined, reader: string | undefined): HistoryItem {
  if ('removed' in entry || 'deleted' in entry || !overlay) return entry;
  if (overlay.x !== undefined) return { id: entry.id, roomId: entry.roomId, createdAt: entry.createdAt, deleted: true };
  const message = currentMessage(entry, overlay);
  const reactions = summarize(overlay.r ?? [], reader);
  return reactions.length === 0 ? message : { ...message, reactions };
}

/**
 * The author's edit of `message` (as it reads now, overlay applied) to `text`: the overlay to
 * write, or null when the text is already that (a retried edit has one effect).
 */
export function editedOverlay(overlay: Overlay | undefined, message: ChatMessage, text: string, mentions: Mention[], at: string): Overlay | null {
  if (message.text === text) return null;
  const { n: _mentions, ...kept } = overlay ?? { v: 0 };
  return {
    ...kept,
    t: text,
    e: at,
    ...(mentions.length > 0 ? { n: toMentionItems(mentions) } : {}),
    pv: [...(overlay?.pv ?? []), overlay?.t === undefined ? { at } : { t: overlay.t, at }],
  };
}

/** The author's delete: the overlay to write, or null when it is deleted already. */
export function deletedOverlay(overlay: Overlay | undefined, at: string): Overlay | null {
  return overlay?.x === undefined ? { ...(overlay ?? { v: 0 }), x: at } : null;
}

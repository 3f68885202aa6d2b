import { nameKeys } from './skeleton.ts';

/**
 * Which room holds a look-alike key (amplify/data/README.md, "Room names"): one item per key,
 * `ROOMKEY#<key>` / `ROOMKEY` → `roomId`. A key is a case-folded UTS #39 skeleton of a room's
 * name (`nameKeys` in skeleton.ts), so "Lobby", "LOBBY" and "Ⅼobby" share one, and a conditional
 * put of it lets exactly one room have it. The room item lists the keys it holds (`nameKeys`), so
 * a rename deletes exactly those, whatever a later confusables table would compute.
 */
export const ROOM_KEY_SK = 'ROOMKEY';

export function roomKeyItemKey(key: string): { pk: string; sk: string } {
  return { pk: `ROOMKEY#${key}`, sk: ROOM_KEY_SK };
}

export function toRoomKeyItem(key: string, roomId: string): Record<string, unknown> {
  return { ...roomKeyItemKey(key), type: 'room-key', roomId };
}

/** The keys of a sanitized room name: the 1–2 case-folded skeletons. */
export function roomNameKeys(name: string): string[] {
  return nameKeys(name);
}

/**
 * The keys a room holds, as its item records them; a room created before key items existed has
 * none recorded, and its name's keys stand in (their items may or may not exist).
 */
export function heldKeys(item: Record<string, unknown>): string[] {
  const recorded = item.nameKeys;
  return Array.isArray(recorded) ? recorded.filter((key): key is string => typeof key === 'string') : roomNameKeys(item.name as string);
}

/**
 * What a rename writes besides the room: every key of the new name is put (a key the room holds
 * already is put again: harmless, and it restores one a room created before key items lacks),
 * and every old key the new name does not have is deleted.
 */
export function keyChanges(oldKeys: readonly string[], newKeys: readonly string[]): { put: string[]; remove: string[] } {
  return { put: [...new Set(newKeys)], remove: [...new Set(oldKeys)].filter((key) => !newKeys.includes(key)) };
}

/**
 * Who reacted to a message (`GET /rooms/{roomId}/messages/{messageId}/reactions`): what the app
 * shows when a reaction chip is hovered or focused. Answered by the `history` Lambda to members of
 * the room (a private room's or DM's non-member gets the room's 404). Kept inside the APPSYNC_JS
 * subset like the rest of `core/`.
 */
import { type Checked, isRecord, refuse } from './checked.ts';

/** Someone who reacted, with the names their profile has now. */
export interface ReactionPerson {
  sub: string;
  handle: string;
  displayName: string;
}

/** One emoji and who reacted with it, in the order they did. */
export interface ReactionPeople {
  emoji: string;
  people: ReactionPerson[];
}

/** The answer: each emoji in first-reaction order; `items` is empty when nobody reacted. */
export interface MessageReactions {
  items: ReactionPeople[];
}

/** The path of a message's reactions. Room and message ids need no escaping. */
export function messageReactionsPath(roomId: string, messageId: string): string {
  return `/rooms/${roomId}/messages/${messageId}/reactions`;
}

function isPerson(value: unknown): value is ReactionPerson {
  return isRecord(value) && typeof value.sub === 'string' && typeof value.handle === 'string' && typeof value.displayName === 'string';
}

export function checkMessageReactions(value: unknown): Checked<MessageReactions> {
  if (!isRecord(value) || !Array.isArray(value.items)) {
    return refuse('expected { items: { emoji, people }[] }');
  }
  const bad = value.items.findIndex(
    (item) => !isRecord(item) || typeof item.emoji !== 'string' || !Array.isArray(item.people) || !item.people.every((p) => isPerson(p)),
  );
  if (bad >= 0) {
    return refuse(`items[${bad}]: expected an emoji and people of { sub, handle, displayName }`);
  }
  const items = value.items.map((item) => {
    const entry = item as { emoji: string; people: ReactionPerson[] };
    return { emoji: entry.emoji, people: entry.people.map((p) => ({ sub: p.sub, handle: p.handle, displayName: p.displayName })) };
  });
  return { ok: true, value: { items } };
}

/**
 * The one timeline merge: every history page, live event and local send of a room goes through
 * here. Pure, idempotent and order-independent for everything the server says:
 * - a union of stored messages by `id`, in the server's order (ids sort lexicographically);
 * - removals win: a `message.removed` tombstone hides the message whether it arrives before or
 *   after the message itself, and survives later pages that still carry it;
 * - a `message.restored` brings the message back in place (remove and restore of the same
 *   message are the one pair applied in arrival order: the last moderator action wins);
 * - deletions by the author are final: a `message.deleted` (or a history tombstone) hides the
 *   message for good, whenever the message itself arrives;
 * - edits: of two copies of a message the one edited last (`editedAt`) wins, whatever order they
 *   come in; an edit keeps the reactions already known;
 * - reactions: a `reaction.changed` sets that emoji's count (the server's count after the change)
 *   and, when the reader made it, whether it is theirs; a history page or a gap-fill update sets a
 *   message's reactions as they were when read;
 * - the stored echo of a message sent from here replaces its optimistic entry, matched on the
 *   author and `clientMsgId`; unconfirmed sends stay at the end. A send is `pending` until the
 *   server answers, `accepted` once it stored it (its echo is on the way), or `failed`.
 *
 * Written inside the APPSYNC_JS subset like the rest of `core/`.
 */
import type { Author, ChatEvent, ChatMessage, DeletedMessage, HistoryItem, ReactionChangedEvent, ReactionSummary, RemovedMessage, ReplyRef } from './messages.ts';

export type OutgoingStatus = 'pending' | 'accepted' | 'failed';

/** A message sent from this client whose stored echo has not arrived yet. */
export interface OutgoingMessage {
  clientMsgId: string;
  roomId: string;
  text: string;
  author: Author;
  /** Client time of the first attempt, ISO 8601. */
  createdAt: string;
  status: OutgoingStatus;
  error?: string;
  /** What the reply will quote, as this client knows the original. */
  replyTo?: ReplyRef;
}

export interface Timeline {
  /** Every stored message seen, by id. */
  byId: Record<string, ChatMessage>;
  /** The stored ids in room order. */
  ids: string[];
  /** `<author sub>/<clientMsgId>` of every stored message: how an echo finds its optimistic entry. */
  echoes: Record<string, string>;
  /** Tombstones: true while a moderator's removal stands, even for a message not loaded yet. */
  removed: Record<string, boolean>;
  /** Tombstones of messages their author deleted, even for a message not loaded yet. Final. */
  deleted: Record<string, boolean>;
  /** Sends not yet echoed, in send order (see `inSendOrder`). */
  outgoing: OutgoingMessage[];
  /** The reader's sub: a reaction they made is `mine`. Empty when unknown. */
  reader: string;
}

export type TimelineInput =
  | { kind: 'page'; messages: ChatMessage[] }
  /** A history page as the API serves it: removed messages come as placeholders. */
  | { kind: 'history'; items: HistoryItem[] }
  /** A gap fill's `updates`: the current state of older messages whose broadcast was missed. */
  | { kind: 'updates'; items: HistoryItem[] }
  | { kind: 'event'; event: ChatEvent }
  | { kind: 'sending'; message: OutgoingMessage }
  | { kind: 'accepted'; clientMsgId: string }
  | { kind: 'failed'; clientMsgId: string; error: string };

export type TimelineEntry =
  | { kind: 'message'; key: string; message: ChatMessage }
  | { kind: 'removed'; key: string; message: ChatMessage }
  /** Where a deleted message was: its id, time and (when known) author, no text or anything it carried. */
  | { kind: 'deleted'; key: string; message: ChatMessage }
  | { kind: 'outgoing'; key: string; message: OutgoingMessage };

export function emptyTimeline(reader = ''): Timeline {
  return { byId: {}, ids: [], echoes: {}, removed: {}, deleted: {}, outgoing: [], reader };
}

function echoKey(authorSub: string, clientMsgId: string): string {
  return `${authorSub}/${clientMsgId}`;
}

/** Whether `incoming` is a later version of the stored `known` (edited after it). */
function isNewerEdit(known: ChatMessage, incoming: ChatMessage): boolean {
  return incoming.editedAt !== undefined && (known.editedAt === undefined || incoming.editedAt > known.editedAt);
}

/**
 * Adds stored messages (a history page, a live or restored message) and later edits of known ones;
 * returns `timeline` itself when nothing changes. With `current`, each message is the state as
 * the server now has it (a gap-fill update) and replaces the known copy, reactions included.
 */
export function mergeMessages(timeline: Timeline, messages: ChatMessage[], current = false): Timeline {
  const replaced = messages.filter((m) => {
    const known = timeline.byId[m.id];
    return known !== undefined && (current || isNewerEdit(known, m));
  });
  const fresh = messages.filter((m) => timeline.byId[m.id] === undefined);
  if (fresh.length === 0 && replaced.length === 0) {
    return timeline;
  }
  const byId = { ...timeline.byId };
  replaced.forEach((m) => {
    const known = byId[m.id] as ChatMessage;
    if (!current && isNewerEdit(known, m) === false) {
      return;
    }
    // A broadcast edit carries no reactions: the ones already known stay.
    byId[m.id] = m.reactions === undefined && !current && known.reactions !== undefined ? { ...m, reactions: known.reactions } : m;
  });
  if (fresh.length === 0) {
    return { ...timeline, byId };
  }
  const echoes = { ...timeline.echoes };
  const added = fresh.filter((m) => {
    const isNew = byId[m.id] === undefined;
    byId[m.id] = m;
    echoes[echoKey(m.author.sub, m.clientMsgId)] = m.id;
    return isNew;
  });
  const newIds = added.map((m) => m.id);
  const last = timeline.ids.length > 0 ? timeline.ids[timeline.ids.length - 1] : undefined;
  const sorted = newIds.slice().sort();
  const first = sorted[0];
  // Live messages usually land after the newest: append without sorting everything again.
  const ids =
    last !== undefined && first !== undefined && first > last
      ? timeline.ids.concat(sorted)
      : timeline.ids.concat(sorted).sort();
  const outgoing = timeline.outgoing.filter((o) => echoes[echoKey(o.author.sub, o.clientMsgId)] === undefined);
  return { ...timeline, byId, ids, echoes, outgoing };
}

function setRemoved(timeline: Timeline, id: string, removed: boolean): Timeline {
  if ((timeline.removed[id] ?? false) === removed) {
    return timeline;
  }
  return { ...timeline, removed: { ...timeline.removed, [id]: removed } };
}

/**
 * Marks `id` deleted. With its tombstone from history (`item`), a message never loaded gets its
 * place in the timeline too, so the conversation keeps its shape: a stand-in with no text and no
 * author, which only a deleted entry shows.
 */
function setDeleted(timeline: Timeline, id: string, item?: DeletedMessage): Timeline {
  const marked = timeline.deleted[id] === true ? timeline : { ...timeline, deleted: { ...timeline.deleted, [id]: true } };
  if (item === undefined || marked.byId[id] !== undefined) {
    return marked;
  }
  const standIn: ChatMessage = {
    id,
    roomId: item.roomId,
    createdAt: item.createdAt,
    text: '',
    clientMsgId: '',
    author: { sub: '', handle: '', displayName: '', moderator: false },
  };
  return { ...marked, byId: { ...marked.byId, [id]: standIn }, ids: marked.ids.concat([id]).sort() };
}

/**
 * One emoji's count on a known message, as a `reaction.changed` says it is now; `mine` changes
 * only when the reader made the change. A message not loaded yet is left to its history page.
 */
function applyReaction(timeline: Timeline, event: ReactionChangedEvent): Timeline {
  const known = timeline.byId[event.id];
  if (known === undefined) {
    return timeline;
  }
  const reactions = known.reactions ?? [];
  const existing = reactions.find((r) => r.emoji === event.emoji);
  const mine = event.author.sub === timeline.reader ? event.add : (existing?.mine ?? false);
  const next: ReactionSummary[] =
    event.count <= 0
      ? reactions.filter((r) => r.emoji !== event.emoji)
      : existing === undefined
        ? reactions.concat([{ emoji: event.emoji, count: event.count, mine }])
        : reactions.map((r) => (r.emoji === event.emoji ? { emoji: r.emoji, count: event.count, mine } : r));
  const message: ChatMessage = { ...known, reactions: next };
  if (next.length === 0) {
    delete message.reactions;
  }
  return { ...timeline, byId: { ...timeline.byId, [event.id]: message } };
}

/** Applies one server event. */
export function applyEvent(timeline: Timeline, event: ChatEvent): Timeline {
  switch (event.type) {
    case 'message.created':
    case 'message.edited':
      return mergeMessages(timeline, [event.message]);
    case 'message.removed':
      return setRemoved(timeline, event.id, true);
    case 'message.deleted':
      return setDeleted(timeline, event.id);
    case 'reaction.changed':
      return applyReaction(timeline, event);
    default:
      return mergeMessages(setRemoved(timeline, event.message.id, false), [event.message]);
  }
}

/**
 * Records a send (or a retry of a failed one, same `clientMsgId`) as pending. A send whose echo
 * is already stored changes nothing.
 */
export function addOutgoing(timeline: Timeline, message: OutgoingMessage): Timeline {
  if (timeline.echoes[echoKey(message.author.sub, message.clientMsgId)] !== undefined) {
    return timeline;
  }
  const pending: OutgoingMessage = { ...message, status: 'pending', error: undefined };
  const exists = timeline.outgoing.some((o) => o.clientMsgId === message.clientMsgId);
  const outgoing = exists
    ? timeline.outgoing.map((o) => (o.clientMsgId === message.clientMsgId ? { ...o, status: pending.status, error: undefined } : o))
    : inSendOrder(timeline.outgoing.concat([pending]));
  return { ...timeline, outgoing };
}

/** Send order: by the client time of the first attempt, ties broken by `clientMsgId`. */
function inSendOrder(outgoing: OutgoingMessage[]): OutgoingMessage[] {
  const byKey: Record<string, OutgoingMessage> = {};
  const keys = outgoing.map((o) => {
    const key = `${o.createdAt}|${o.clientMsgId}`;
    byKey[key] = o;
    return key;
  });
  return keys.sort().map((key) => byKey[key] as OutgoingMessage);
}

function setOutgoingStatus(timeline: Timeline, clientMsgId: string, status: OutgoingStatus, error?: string): Timeline {
  if (!timeline.outgoing.some((o) => o.clientMsgId === clientMsgId)) {
    return timeline;
  }
  const outgoing = timeline.outgoing.map((o) => (o.clientMsgId === clientMsgId ? { ...o, status, error } : o));
  return { ...timeline, outgoing };
}

/** Marks a send failed; a no-op once its echo has replaced it. */
export function markFailed(timeline: Timeline, clientMsgId: string, error: string): Timeline {
  return setOutgoingStatus(timeline, clientMsgId, 'failed', error);
}

/** The server stored a send and its echo is on the way; a no-op once the echo has replaced it. */
export function markAccepted(timeline: Timeline, clientMsgId: string): Timeline {
  const current = timeline.outgoing.find((o) => o.clientMsgId === clientMsgId);
  return current === undefined || current.status === 'accepted' ? timeline : setOutgoingStatus(timeline, clientMsgId, 'accepted');
}

/** The send with `clientMsgId` while it is not yet echoed, if any. */
export function findOutgoing(timeline: Timeline, clientMsgId: string): OutgoingMessage | undefined {
  return timeline.outgoing.find((o) => o.clientMsgId === clientMsgId);
}

function isRemovedItem(item: HistoryItem): item is RemovedMessage {
  return (item as RemovedMessage).removed === true;
}

function isDeletedItem(item: HistoryItem): item is DeletedMessage {
  return (item as DeletedMessage).deleted === true;
}

function isStoredItem(item: HistoryItem): item is ChatMessage {
  return !isRemovedItem(item) && !isDeletedItem(item);
}

/**
 * A history page: placeholders of removed messages and tombstones of deleted ones mark those ids,
 * the rest is merged, each message's reactions as the page read them.
 */
export function mergeHistory(timeline: Timeline, items: HistoryItem[]): Timeline {
  const tombstoned = items.reduce(
    (t, item) => (isRemovedItem(item) ? setRemoved(t, item.id, true) : isDeletedItem(item) ? setDeleted(t, item.id, item) : t),
    timeline,
  );
  const messages = items.filter(isStoredItem);
  const merged = mergeMessages(tombstoned, messages);
  // Known messages take the page's reactions (it read them after anything applied before it).
  const withReactions = messages.filter((m) => {
    const known = merged.byId[m.id];
    return known !== undefined && known !== m && known.editedAt === m.editedAt && !sameReactions(known.reactions, m.reactions);
  });
  if (withReactions.length === 0) {
    return merged;
  }
  const byId = { ...merged.byId };
  withReactions.forEach((m) => {
    byId[m.id] = { ...(byId[m.id] as ChatMessage), reactions: m.reactions };
  });
  return { ...merged, byId };
}

function sameReactions(a: ReactionSummary[] | undefined, b: ReactionSummary[] | undefined): boolean {
  const left = a ?? [];
  const right = b ?? [];
  return left.length === right.length && left.every((r, i) => {
    const other = right[i] as ReactionSummary;
    return r.emoji === other.emoji && r.count === other.count && r.mine === other.mine;
  });
}

/**
 * Gap-fill updates: the current state of older messages that changed while the reader was away
 * (removed, restored, deleted, edited, reacted to). Each replaces what is known of its message.
 */
export function applyUpdates(timeline: Timeline, items: HistoryItem[]): Timeline {
  return items.reduce((t, item) => {
    if (isRemovedItem(item)) {
      return setRemoved(t, item.id, true);
    }
    if (isDeletedItem(item)) {
      return setDeleted(t, item.id, item);
    }
    return mergeMessages(setRemoved(t, item.id, false), [item], true);
  }, timeline);
}

/** The reducer over every kind of input. */
export function applyToTimeline(timeline: Timeline, input: TimelineInput): Timeline {
  switch (input.kind) {
    case 'page':
      return mergeMessages(timeline, input.messages);
    case 'history':
      return mergeHistory(timeline, input.items);
    case 'updates':
      return applyUpdates(timeline, input.items);
    case 'event':
      return applyEvent(timeline, input.event);
    case 'sending':
      return addOutgoing(timeline, input.message);
    case 'accepted':
      return markAccepted(timeline, input.clientMsgId);
    default:
      return markFailed(timeline, input.clientMsgId, input.error);
  }
}

/**
 * What a view renders: stored messages in room order (removed and deleted ones as tombstones, a
 * deletion shown over a removal: it is final), then unconfirmed sends.
 */
export function timelineEntries(timeline: Timeline): TimelineEntry[] {
  const stored: TimelineEntry[] = timeline.ids.map((id) => {
    const message = timeline.byId[id] as ChatMessage;
    if (timeline.deleted[id] === true) {
      const { id: _id, roomId, createdAt, author, clientMsgId } = message;
      return { kind: 'deleted', key: id, message: { id, roomId, createdAt, author, clientMsgId, text: '' } };
    }
    return timeline.removed[id] === true ? { kind: 'removed', key: id, message } : { kind: 'message', key: id, message };
  });
  const outgoing: TimelineEntry[] = timeline.outgoing.map((message) => ({
    kind: 'outgoing',
    key: `out:${message.clientMsgId}`,
    message,
  }));
  return stored.concat(outgoing);
}

export function newestStoredId(timeline: Timeline): string | undefined {
  return timeline.ids.length > 0 ? timeline.ids[timeline.ids.length - 1] : undefined;
}

export function oldestStoredId(timeline: Timeline): string | undefined {
  return timeline.ids[0];
}

/** Stored, visible messages after `afterId` written by someone other than `readerSub`. */
export function countUnread(timeline: Timeline, afterId: string | undefined, readerSub: string): number {
  return timeline.ids.filter((id) => {
    const message = timeline.byId[id] as ChatMessage;
    return (afterId === undefined || id > afterId) && timeline.removed[id] !== true && timeline.deleted[id] !== true && message.author.sub !== readerSub;
  }).length;
}

/**
 * The one timeline merge: every history page, live event and local send of a room goes through
 * here. Pure, idempotent and order-independent for everything the server says:
 * - a union of stored messages by `id`, in the server's order (ids sort lexicographically);
 * - removals win: a `message.removed` tombstone hides the message whether it arrives before or
 *   after the message itself, and survives later pages that still carry it;
 * - a `message.restored` brings the message back in place (remove and restore of the same
 *   message are the one pair applied in arrival order: the last moderator action wins);
 * - the stored echo of a message sent from here replaces its optimistic entry, matched on the
 *   author and `clientMsgId`; unconfirmed sends stay at the end. A send is `pending` until the
 *   server answers, `accepted` once it stored it (its echo is on the way), or `failed`.
 *
 * Written inside the APPSYNC_JS subset like the rest of `core/`.
 */
import type { Author, ChatEvent, ChatMessage, HistoryItem, RemovedMessage } from './messages.ts';

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
  /** Sends not yet echoed, in send order (see `inSendOrder`). */
  outgoing: OutgoingMessage[];
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
  | { kind: 'outgoing'; key: string; message: OutgoingMessage };

export function emptyTimeline(): Timeline {
  return { byId: {}, ids: [], echoes: {}, removed: {}, outgoing: [] };
}

function echoKey(authorSub: string, clientMsgId: string): string {
  return `${authorSub}/${clientMsgId}`;
}

/** Adds stored messages (a history page, a live or restored message); returns `timeline` itself when nothing is new. */
export function mergeMessages(timeline: Timeline, messages: ChatMessage[]): Timeline {
  const fresh = messages.filter((m) => timeline.byId[m.id] === undefined);
  if (fresh.length === 0) {
    return timeline;
  }
  const byId = { ...timeline.byId };
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
  return { byId, ids, echoes, removed: timeline.removed, outgoing };
}

function setRemoved(timeline: Timeline, id: string, removed: boolean): Timeline {
  if ((timeline.removed[id] ?? false) === removed) {
    return timeline;
  }
  return { ...timeline, removed: { ...timeline.removed, [id]: removed } };
}

/** Applies one server event. */
export function applyEvent(timeline: Timeline, event: ChatEvent): Timeline {
  if (event.type === 'message.created') {
    return mergeMessages(timeline, [event.message]);
  }
  if (event.type === 'message.removed') {
    return setRemoved(timeline, event.id, true);
  }
  return mergeMessages(setRemoved(timeline, event.message.id, false), [event.message]);
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

/** A history page: placeholders of removed messages become tombstones, the rest is merged. */
export function mergeHistory(timeline: Timeline, items: HistoryItem[]): Timeline {
  const tombstoned = items.filter(isRemovedItem).reduce((t, item) => setRemoved(t, item.id, true), timeline);
  return mergeMessages(tombstoned, items.filter((item): item is ChatMessage => !isRemovedItem(item)));
}

/** Gap-fill updates, applied as the live `message.removed` / `message.restored` events would be. */
export function applyUpdates(timeline: Timeline, items: HistoryItem[]): Timeline {
  return items.reduce(
    (t, item) =>
      isRemovedItem(item)
        ? applyEvent(t, { type: 'message.removed', roomId: item.roomId, id: item.id })
        : applyEvent(t, { type: 'message.restored', message: item }),
    timeline,
  );
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

/** What a view renders: stored messages in room order (removed ones as tombstones), then unconfirmed sends. */
export function timelineEntries(timeline: Timeline): TimelineEntry[] {
  const stored: TimelineEntry[] = timeline.ids.map((id) => {
    const message = timeline.byId[id] as ChatMessage;
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
    return (afterId === undefined || id > afterId) && timeline.removed[id] !== true && message.author.sub !== readerSub;
  }).length;
}

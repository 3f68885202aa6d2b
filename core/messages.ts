/**
 * The chat wire contract, shared by the app, the APPSYNC_JS handlers, the Lambdas and the
 * local cloud. Types only plus small APPSYNC_JS-safe helpers.
 */
import type { Profile } from './profile.ts';
import type { Room } from './rooms.ts';

/** What a client publishes on `/chat/rooms/<roomId>`. Unknown fields are dropped. */
export interface PublishedMessage {
  type: 'message';
  clientMsgId: string;
  text: string;
  /** The id of a message of the same room this one replies to. */
  replyTo?: string;
}

/** Replaces the text of one of the author's own messages (same text rules as a message). */
export interface PublishedEdit {
  type: 'edit';
  messageId: string;
  text: string;
}

/** Deletes one of the author's own messages: history keeps a tombstone in its place. */
export interface PublishedDelete {
  type: 'delete';
  messageId: string;
}

/** Adds or takes back the author's reaction `emoji` (one RGI emoji) on a message. */
export interface PublishedReaction {
  type: 'reaction';
  messageId: string;
  emoji: string;
  add: boolean;
}

/** A change to a stored message, published on the room's chat channel like a message. */
export type PublishedChange = PublishedEdit | PublishedDelete | PublishedReaction;

/** Everything a member may publish on a room's chat channel. */
export type PublishedChatEvent = PublishedMessage | PublishedChange;

/**
 * Who sent a message or a signal: their profile as their token carried it when they sent it (a
 * snapshot, so old messages keep the name they were sent with). The `chat` and `signals` handlers
 * stamp it; a payload never sets any of it. `handle` is empty only on messages stored before
 * handles existed.
 */
export type Author = Profile;

/**
 * What a reply shows of the message it answers, taken by the server from the stored original when
 * the reply is stored (a later edit of the original does not change it).
 */
export interface ReplyRef {
  id: string;
  author: Author;
  /** The original's text, cut to `REPLY_EXCERPT_MAX_LENGTH` code points. */
  excerpt: string;
}

/** An `@handle` in a message's text that named an account when the message was stored. */
export interface Mention {
  sub: string;
  handle: string;
}

/** One emoji's reactions on a message, as the reader sees them. */
export interface ReactionSummary {
  emoji: string;
  count: number;
  /** Whether the reader is one of them. Only history answers (per reader) say so; broadcasts say `false`. */
  mine: boolean;
}

/** A stored message. `id` is server-assigned and sorts in the room's order. */
export interface ChatMessage {
  id: string;
  roomId: string;
  text: string;
  author: Author;
  /** Server time, ISO 8601. */
  createdAt: string;
  clientMsgId: string;
  /** Set once the author edited it: the time of the last edit, ISO 8601. */
  editedAt?: string;
  replyTo?: ReplyRef;
  /** Absent when it mentions nobody. */
  mentions?: Mention[];
  /** In emoji order of first reaction; absent when nobody reacted. */
  reactions?: ReactionSummary[];
}

/**
 * What history returns to members in place of a message a moderator removed: its place in the
 * room's timeline (so a client can show "removed by a moderator" and drop a copy it already has),
 * without its text, author or clientMsgId. A restore brings the full ChatMessage back.
 */
export interface RemovedMessage {
  id: string;
  roomId: string;
  createdAt: string;
  removed: true;
}

/**
 * What history returns in place of a message its author deleted: its place in the timeline,
 * without its text (moderators still read it through the moderation API).
 */
export interface DeletedMessage {
  id: string;
  roomId: string;
  createdAt: string;
  deleted: true;
}

/** One item of a history page (`GET /rooms/{roomId}/messages`). */
export type HistoryItem = ChatMessage | RemovedMessage | DeletedMessage;

export interface MessageCreatedEvent {
  type: 'message.created';
  message: ChatMessage;
}

export interface MessageRemovedEvent {
  type: 'message.removed';
  roomId: string;
  id: string;
}

export interface MessageRestoredEvent {
  type: 'message.restored';
  message: ChatMessage;
}

/** The author edited a message: the whole message as it now is, with `editedAt` (and no `reactions`). */
export interface MessageEditedEvent {
  type: 'message.edited';
  message: ChatMessage;
}

/** The author deleted a message: readers replace it with a tombstone. */
export interface MessageDeletedEvent {
  type: 'message.deleted';
  roomId: string;
  id: string;
}

/**
 * `author` added (`add: true`) or took back their `emoji` on message `id`; `count` is that
 * emoji's count afterwards (0 when the last one was taken back).
 */
export interface ReactionChangedEvent {
  type: 'reaction.changed';
  roomId: string;
  id: string;
  emoji: string;
  count: number;
  author: Author;
  add: boolean;
}

export type ChatEvent =
  | MessageCreatedEvent
  | MessageRemovedEvent
  | MessageRestoredEvent
  | MessageEditedEvent
  | MessageDeletedEvent
  | ReactionChangedEvent;

/**
 * A moderator renamed, archived or unarchived the room: the room as it is now, published by the
 * `moderation` Lambda (IAM) on the room's chat channel. Not part of the timeline: clients update
 * the room's title and read-only state from it.
 */
export interface RoomUpdatedEvent {
  type: 'room.updated';
  room: Room;
}

/** Someone in a member event: who joined or left, or who acted. */
export interface MemberRef {
  sub: string;
  handle: string;
  displayName: string;
}

/**
 * A private room's members changed: `member` was added by `by` (an invitation), or removed by
 * `by` (`by` is `member` when they left). Published by the `members` Lambda (IAM) on the room's
 * channel of the epoch before the change; after a removal the epoch has moved on, so the members
 * who remain re-read the room (`GET /rooms/{roomId}`) for the new one. Clients show a line
 * ("Alice @alice added Bob @bob").
 */
export interface MemberChangedEvent {
  type: 'member.added' | 'member.removed';
  roomId: string;
  member: MemberRef;
  by: MemberRef;
}

/** Everything a room's chat channel carries. */
export type RoomChannelEvent = ChatEvent | RoomUpdatedEvent | MemberChangedEvent;

/** The `chat` onPublish handler → `persist-messages` Lambda request. */
export interface PersistRequest {
  roomId: string;
  /**
   * The epoch of the channel the events came on: present exactly for a private room or DM
   * (`roomKindOfId`), where the batch is stored only while it is the room's current epoch.
   */
  epoch?: string;
  author: Author;
  /** Already validated and sanitized; `eventId` is the AppSync event id it came from. */
  messages: { eventId: string; clientMsgId: string; text: string; replyTo?: string }[];
  /** Changes to stored messages, validated and sanitized likewise; absent when there are none. */
  changes?: ({ eventId: string } & PublishedChange)[];
}

/**
 * Per event: the stored message (a message), or the event to broadcast (a change), or why it was
 * not stored (a per-event error text, core/event-errors.ts).
 */
export interface PersistResult {
  eventId: string;
  message?: ChatMessage;
  /** A change's broadcast: `message.edited`, `message.deleted` or `reaction.changed`. */
  change?: MessageEditedEvent | MessageDeletedEvent | ReactionChangedEvent;
  error?: string;
}

export interface PersistResponse {
  results: PersistResult[];
}

/** The `signals` onPublish handler → `throttle-signals` Lambda request. */
export interface ThrottleSignalsRequest {
  /** The author's sub, from the caller's identity. */
  authorSub: string;
  /** The room of the channel; for a private room or DM the author must be a member. */
  roomId: string;
  /** The channel's epoch: present exactly for a private room or DM, and it must be current. */
  epoch?: string;
  /** The AppSync ids of the batch's typing signals, in publish order. */
  eventIds: string[];
}

/** Which of the requested events may be broadcast: at most the first one. */
export interface ThrottleSignalsResponse {
  allowedIds: string[];
  /**
   * Set when every event of the batch fails (a per-event error text, core/event-errors.ts):
   * `NOT_FOUND` for a non-member of a private room or DM, `ROOM_MOVED` for a stale epoch.
   */
  error?: string;
}

/** `{ "type": "typing" }` on `/signals/rooms/<roomId>`; the handler stamps the author. */
export interface TypingSignal {
  type: 'typing';
  roomId: string;
  author: Author;
  at: string;
}

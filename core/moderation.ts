/**
 * The moderation HTTP API contract (`/moderation/*`, moderators only), shared by the
 * `moderation` Lambda and the app's console. Types and constants only.
 */
import type { Author, ChatMessage } from './messages.ts';
import type { ReportAuditAction, ReportAuditEntry } from './reports.ts';
import type { Room } from './rooms.ts';

export type MessageStatus = 'visible' | 'removed';

/** The longest reason a moderator may give (remove requires one, restore allows one). */
export const MODERATION_REASON_MAX_LENGTH = 500;

/**
 * Who acted, from the profile claims of the moderator's token. `handle` is empty on entries
 * written before handles existed.
 */
export interface Moderator {
  sub: string;
  handle: string;
  displayName: string;
}

export interface Removal {
  by: Moderator;
  /** ISO 8601. */
  at: string;
  reason: string;
}

/** A text an edit replaced, and when that edit was made (ISO 8601). */
export interface PreviousVersion {
  text: string;
  replacedAt: string;
}

/**
 * One row of `GET /moderation/messages`. Moderators see what members no longer do: the text of a
 * message its author deleted (`message.text`, with `deletedAt`) and the texts its edits replaced.
 */
export interface ModeratedMessage {
  message: ChatMessage;
  status: MessageStatus;
  /** Present while the message is removed. */
  removal?: Removal;
  /** Present once its author deleted it (ISO 8601); members see a tombstone. */
  deletedAt?: string;
  /** Oldest first; present once it was edited. */
  previousVersions?: PreviousVersion[];
}

/**
 * A page, newest first. `nextCursor` continues the same query. `truncated` says the request
 * stopped at its read budget before filling the page (a selective text match): the items are
 * correct but there may be more matches further back; call again with `nextCursor`.
 */
export interface ModerationPage<T> {
  items: T[];
  nextCursor?: string;
  truncated?: boolean;
}

/** An action on a message. */
export type ModerationAction = 'message.removed' | 'message.restored';

/**
 * An action on a member: muted or unmuted by a moderator (`/moderation/mutes`), or renamed by the
 * member themself (`PUT /me`), so moderators can follow a name back to the account.
 */
export type UserModerationAction = 'user.muted' | 'user.unmuted' | 'user.renamed';

/** An action on a room (`/moderation/rooms/{roomId}/…`). */
export type RoomModerationAction = 'room.renamed' | 'room.archived' | 'room.unarchived';

/**
 * A moderator read a private room's messages: a search, listing or export whose answer showed
 * some, or a read of that room itself. One entry per request and room, written before the answer.
 */
export type RoomReadAuditAction = 'room.read';

/** A change of a private room's members (`/rooms/{roomId}/members`): by members, owners and moderators alike. */
export type MemberAuditAction = 'member.added' | 'member.removed';

export type AuditAction = ModerationAction | UserModerationAction | RoomModerationAction | MemberAuditAction | ReportAuditAction | RoomReadAuditAction;

interface AuditEntryBase {
  id: string;
  /** ISO 8601. */
  at: string;
  moderator: Moderator;
  reason?: string;
}

/** An audit row about a message: removed or restored. */
export interface MessageAuditEntry extends AuditEntryBase {
  action: ModerationAction;
  roomId: string;
  messageId: string;
  messageAuthor: Author;
  user?: undefined;
  until?: undefined;
}

/** An audit row about a member: muted, unmuted or renamed. It belongs to no room. */
export interface UserAuditEntry extends AuditEntryBase {
  action: UserModerationAction;
  /** The member muted or unmuted. */
  user: Author;
  /** `user.muted` only: when the mute ends (ISO 8601). */
  until?: string;
  /**
   * `user.renamed` only: the names before. `user` carries the new ones, and `moderator` (who
   * acted) is the member themself.
   */
  previous?: { handle: string; displayName: string };
  roomId?: undefined;
  messageId?: undefined;
  messageAuthor?: undefined;
}

/** An audit row about a room: renamed, archived or unarchived. */
export interface RoomAuditEntry extends AuditEntryBase {
  action: RoomModerationAction;
  roomId: string;
  /** The room's name after the action (for a rename, the new name). */
  name: string;
  /** `room.renamed` only: the name before. */
  previousName?: string;
  messageId?: undefined;
  messageAuthor?: undefined;
  user?: undefined;
  until?: undefined;
}

/**
 * An audit row about a private room's members: someone added (invited) or removed (including
 * leaving: `member` and `moderator` are then the same account). `moderator` is whoever acted,
 * a moderator or not, as on a member's own rename.
 */
export interface MemberAuditEntry extends AuditEntryBase {
  action: MemberAuditAction;
  roomId: string;
  member: Moderator;
  messageId?: undefined;
  messageAuthor?: undefined;
  user?: undefined;
  until?: undefined;
}

/** An audit row about a moderator's read of a private room's messages (`room.read`). */
export interface RoomReadAuditEntry extends AuditEntryBase {
  action: RoomReadAuditAction;
  roomId: string;
  messageId?: undefined;
  messageAuthor?: undefined;
  user?: undefined;
  until?: undefined;
}

/** One row of `GET /moderation/audit`; `action` tells the kinds apart. */
export type AuditEntry = MessageAuditEntry | UserAuditEntry | RoomAuditEntry | MemberAuditEntry | ReportAuditEntry | RoomReadAuditEntry;

/** Body of `POST /moderation/messages/{roomId}/{messageId}/remove`. */
export interface RemoveMessageRequest {
  reason: string;
}

/** Body of `POST /moderation/messages/{roomId}/{messageId}/restore`. */
export interface RestoreMessageRequest {
  reason?: string;
}

/** Answer to remove/restore. `changed` is false when the message already was in that state. */
export interface ModerationActionResult {
  item: ModeratedMessage;
  changed: boolean;
}

/** The shortest and the longest mute `POST /moderation/mutes` accepts: one minute, 30 days. */
export const MUTE_MIN_SECONDS = 60;
export const MUTE_MAX_SECONDS = 30 * 24 * 3600;

/**
 * Body of `POST /moderation/mutes`: mutes an author from now for `durationSeconds` (a whole
 * number from `MUTE_MIN_SECONDS` to `MUTE_MAX_SECONDS`). A mute that is already running is
 * replaced: its end becomes now + `durationSeconds`.
 */
export interface MuteRequest {
  /**
   * `@handle` or a bare handle that exists (exactly that account); else a display name or a past
   * handle an author went by (case-insensitive); or the author's `sub`. It must name one author.
   */
  author: string;
  durationSeconds: number;
  /** Required, at most `MODERATION_REASON_MAX_LENGTH` characters. */
  reason: string;
}

/** A running mute: one row of `GET /moderation/mutes` (ending soonest first), and the answer to a mute. */
export interface Mute {
  user: Author;
  /** When it ends (ISO 8601); the author's publishes fail with `MUTED` until then. */
  until: string;
  /** When it was set (ISO 8601). */
  at: string;
  by: Moderator;
  reason: string;
}

/** Body of `DELETE /moderation/mutes/{sub}` (optional). */
export interface UnmuteRequest {
  reason?: string;
}

/** Answer to `DELETE /moderation/mutes/{sub}`. `changed` is false when no mute was running. */
export interface UnmuteResult {
  sub: string;
  changed: boolean;
}

/**
 * Body of `POST /moderation/rooms/{roomId}/rename`: the new name, by the rules of `POST /rooms`
 * (NFKC, `checkRoomName` in names.ts, a letter or digit). The room keeps its id, so links keep
 * working. A name that looks like another room's is refused (409).
 */
export interface RenameRoomRequest {
  name: string;
  reason?: string;
}

/** Body of `POST /moderation/rooms/{roomId}/archive` and `…/unarchive` (optional). */
export interface RoomStateRequest {
  reason?: string;
}

/**
 * Answer to a room action: the room as it is now. `changed` is false when it already had that
 * name or state (the request still publishes `room.updated` again, as remove/restore do).
 */
export interface RoomActionResult {
  room: Room;
  changed: boolean;
}

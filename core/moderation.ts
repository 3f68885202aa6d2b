/**
 * The moderation HTTP API contract (`/moderation/*`, moderators only), shared by the
 * `moderation` Lambda and the app's console. Types and constants only.
 */
import type { Author, ChatMessage } from './messages.ts';

export type MessageStatus = 'visible' | 'removed';

/** The longest reason a moderator may give (remove requires one, restore allows one). */
export const MODERATION_REASON_MAX_LENGTH = 500;

/** Who acted. `displayName` is set when the moderator's token carried one. */
export interface Moderator {
  sub: string;
  username: string;
  displayName?: string;
}

export interface Removal {
  by: Moderator;
  /** ISO 8601. */
  at: string;
  reason: string;
}

/** One row of `GET /moderation/messages`. */
export interface ModeratedMessage {
  message: ChatMessage;
  status: MessageStatus;
  /** Present while the message is removed. */
  removal?: Removal;
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

export type ModerationAction = 'message.removed' | 'message.restored';

/** One row of `GET /moderation/audit`. */
export interface AuditEntry {
  id: string;
  /** ISO 8601. */
  at: string;
  action: ModerationAction;
  roomId: string;
  messageId: string;
  messageAuthor: Author;
  moderator: Moderator;
  reason?: string;
}

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

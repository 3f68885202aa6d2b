/**
 * The only errors our Lambda logic throws on purpose. Each Lambda has one mapper that turns an
 * `AppError` into its output (HTTP status, per-event error code) and anything else into INTERNAL.
 */
export abstract class AppError extends Error {
  /** Stable, machine-readable code, safe to return to a client. */
  abstract readonly code: string;
  /** HTTP status when the error reaches an HTTP caller. */
  abstract readonly httpStatus: number;
  /** For an error that lasts until a known time: when a retry can succeed (ISO 8601, UTC). */
  readonly retryAt?: string;
  /** The request field the error is about, when it is about one (an HTTP caller shows it there). */
  readonly field?: string;

  constructor(message: string, options?: ErrorOptions & { field?: string }) {
    super(message, options);
    this.name = new.target.name;
    if (options?.field !== undefined) this.field = options.field;
  }
}

/** The caller sent something we cannot accept (bad parameter, cursor, body). */
export class BadRequestError extends AppError {
  readonly code = 'BAD_REQUEST';
  readonly httpStatus = 400;
}

/** The addressed resource (room, route) does not exist. */
export class NotFoundError extends AppError {
  readonly code = 'NOT_FOUND';
  readonly httpStatus = 404;
}

/** The function's environment is incomplete or malformed: a deployment bug, fail at cold start. */
export class ConfigurationError extends AppError {
  readonly code = 'CONFIGURATION';
  readonly httpStatus = 500;
}

/** A write that should have left an item behind did not (e.g. it was deleted concurrently). */
export class ConsistencyError extends AppError {
  readonly code = 'CONSISTENCY';
  readonly httpStatus = 500;
}

/** The caller is signed in but may not do this (e.g. not in the `moderators` group). */
export class ForbiddenError extends AppError {
  readonly code = 'FORBIDDEN';
  readonly httpStatus = 403;
}

/** The caller went over a limit of the deployment: messages (persist-messages) or new rooms (create-room). */
export class RateLimitedError extends AppError {
  readonly code = 'RATE_LIMITED';
  readonly httpStatus = 429;

  /**
   * `retryAt`: when the caller's current limit window ends. `retryAfterSeconds`: the same as a
   * delay from the time the limit was checked, for an HTTP caller's `Retry-After` header.
   */
  constructor(
    message: string,
    override readonly retryAt: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** A retried publish names a message a moderator has removed; its text is not sent again. */
export class MessageRemovedError extends AppError {
  readonly code = 'MESSAGE_REMOVED';
  readonly httpStatus = 409;
}

/**
 * A name `PUT /me` may not take: another account holds it or one that looks like it, or it is
 * reserved. `field` says which name.
 */
export class NameConflictError extends AppError {
  readonly code = 'NAME_CONFLICT';
  readonly httpStatus = 409;
}

/** A moderator archived the room: it is read-only, so publishes to it fail per event until it is unarchived. */
export class RoomArchivedError extends AppError {
  readonly code = 'ROOM_ARCHIVED';
  readonly httpStatus = 409;
}

/**
 * A publish came on a private room's or DM's channel of an epoch that is no longer current (a
 * member was removed or left): the sender re-reads the room and sends on its new channel.
 */
export class RoomMovedError extends AppError {
  readonly code = 'ROOM_MOVED';
  readonly httpStatus = 409;
}

/** The request conflicts with what is stored (a rename to a name another room looks like). */
export class ConflictError extends AppError {
  readonly code = 'CONFLICT';
  readonly httpStatus = 409;
}

/** The author is muted (`POST /moderation/mutes`): their publishes fail per event until the mute ends. */
export class MutedError extends AppError {
  readonly code = 'MUTED';
  readonly httpStatus = 403;

  /** `retryAt`: when the mute ends. */
  constructor(message: string, override readonly retryAt: string) {
    super(message);
  }
}

/** An edit, delete, reaction or reply names a message that is not in the room. */
export class MessageNotFoundError extends AppError {
  readonly code = 'MESSAGE_NOT_FOUND';
  readonly httpStatus = 404;
}

/** An edit or delete of someone else's message: only its author may. */
export class NotAuthorError extends AppError {
  readonly code = 'NOT_AUTHOR';
  readonly httpStatus = 403;
}

/** An edit of, reaction to or reply to a message its author deleted. */
export class MessageDeletedError extends AppError {
  readonly code = 'MESSAGE_DELETED';
  readonly httpStatus = 409;
}

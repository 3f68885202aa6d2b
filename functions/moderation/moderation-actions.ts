import type { Author, MessageRemovedEvent, MessageRestoredEvent } from '../../core/messages.ts';
import { MODERATION_REASON_MAX_LENGTH, type ModerationAction, type ModerationActionResult, type Moderator } from '../../core/moderation.ts';
import type { AuthorDirectory } from '../lib/author-directory.ts';
import { BadRequestError, NotFoundError } from '../lib/errors.ts';
import type { EventPublisher } from '../lib/event-publisher.ts';
import type { Logger } from '../lib/logger.ts';
import { currentRoomChannel } from '../lib/room-channel.ts';
import type { MetricsSink } from '../lib/metrics.ts';
import type { MessageIdGenerator } from '../lib/message-id.ts';
import { auditEntryOf, type LastAction, type StoredMessage } from './moderation-records.ts';
import type { ModerationStore } from './moderation-store.ts';
import { mayReadMessage } from './moderator-reads.ts';
import type { ReportQueueStore } from './report-queue-store.ts';

export interface ModerationActionDeps {
  store: ModerationStore;
  /** Moderators are recorded by name too, so the audit log can be filtered by what people type. */
  authors: Pick<AuthorDirectory, 'record'>;
  publisher: EventPublisher;
  /** A DM's message is moderators' only once reported (moderator-reads.ts). */
  reports: Pick<ReportQueueStore, 'get'>;
  logger: Logger;
  metrics: MetricsSink;
  clock: () => number;
  nextId: MessageIdGenerator;
}

export interface ModerationActionRequest {
  roomId: string;
  messageId: string;
  action: ModerationAction;
  reason: string | undefined;
  moderator: Moderator;
}

/**
 * Removes or restores a message. The state change and its audit entry happen once (a conditional
 * update; the entry's id is stored on the message, so a retry after a crash between the two
 * writes still writes that entry, once). The live event is published on every call, including
 * a repeat: a publish that fails after the update answers 502, and retrying the same request is
 * the way to deliver it. Clients merge a duplicate `message.removed`/`message.restored` idempotently.
 * It goes to the room's current channel (a private room's or DM's epoch). A DM's message that no
 * participant reported is not found, as a message that does not exist.
 */
export async function moderateMessage(deps: ModerationActionDeps, request: ModerationActionRequest): Promise<ModerationActionResult> {
  const notFound = new NotFoundError(`Message ${request.messageId} not found in room ${request.roomId}`);
  if (!(await mayReadMessage(deps, request.roomId, request.messageId))) throw notFound;
  const target = await deps.store.find(request.roomId, request.messageId);
  if (!target) throw notFound;
  const now = deps.clock();
  const action: LastAction = {
    action: request.action,
    auditId: deps.nextId(now),
    at: new Date(now).toISOString(),
    by: request.moderator,
    ...(request.reason === undefined ? {} : { reason: request.reason }),
  };
  const { stored, changed, last } = await deps.store.apply(target, action);
  const recorded = changed ? action : last?.action === request.action ? last : undefined;
  if (recorded) await deps.store.putAudit(auditEntryOf(stored, recorded));
  if (changed) {
    await deps.authors.record(asAuthor(request.moderator), action.at);
    deps.metrics.count(request.action === 'message.removed' ? 'MessagesRemoved' : 'MessagesRestored', 1);
  }
  deps.logger.info('moderation action', { action: request.action, messageId: request.messageId, changed });
  await deps.publisher.publish(await currentRoomChannel(deps.store.epochs, request.roomId), [liveEvent(stored)]);
  return { item: stored.view, changed };
}

/** A moderator as the author directory records them (so audit filters find them by name). */
export function asAuthor(moderator: Moderator): Author {
  return { sub: moderator.sub, handle: moderator.handle, displayName: moderator.displayName, moderator: true };
}

export function liveEvent(stored: StoredMessage): MessageRemovedEvent | MessageRestoredEvent {
  return stored.view.status === 'removed'
    ? { type: 'message.removed', roomId: stored.view.message.roomId, id: stored.id }
    : { type: 'message.restored', message: stored.view.message };
}

/** `{ reason }`: required to remove, optional to restore; at most 500 characters. */
export function parseReason(body: unknown, required: boolean): string | undefined {
  const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).reason : undefined;
  if (raw !== undefined && raw !== null && typeof raw !== 'string') throw new BadRequestError('reason must be a string');
  const reason = typeof raw === 'string' ? raw.trim() : '';
  if (reason.length > MODERATION_REASON_MAX_LENGTH) throw new BadRequestError(`reason must be at most ${MODERATION_REASON_MAX_LENGTH} characters`);
  if (reason === '') {
    if (required) throw new BadRequestError('A reason is required');
    return undefined;
  }
  return reason;
}

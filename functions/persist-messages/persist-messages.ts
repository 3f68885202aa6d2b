import { randomBytes } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { ChatMessage, PersistRequest, PersistResponse, PersistResult } from '../../core/messages.ts';
import { formatEventError, isEventErrorCode, parseEventError } from '../../core/event-errors.ts';
import { mentionRecipients } from '../../core/mention-notice.ts';
import { createAuthorDirectory, recordingAuthors } from '../lib/author-directory.ts';
import { createDocumentClient } from '../lib/dynamo-client.ts';
import { AwsRuntimeEnvSchema, readEnv } from '../lib/env.ts';
import { AppError, ConfigurationError, MutedError, NotFoundError, RateLimitedError, RoomArchivedError, RoomMovedError } from '../lib/errors.ts';
import { createEventPublisher, type EventPublisher } from '../lib/event-publisher.ts';
import { createLogger, type Logger } from '../lib/logger.ts';
import { createMessageIdGenerator, type MessageIdGenerator } from '../lib/message-id.ts';
import { EVENTS_FAILED_METRIC } from '../lib/metric-names.ts';
import { metricsFromEnv, type MetricsSink } from '../lib/metrics.ts';
import { createRoomToucher, type RoomToucher } from '../lib/room-touch.ts';
import { DEFAULT_RATE_LIMIT, PersistMessagesEnvSchema } from './env.ts';
import { createMessageWriter, type MessageWriter, type WriteOutcome } from './message-writer.ts';
import { createMembershipReader, type MembershipReader } from '../lib/membership-reader.ts';
import { createMuteReader, type MuteReader } from '../lib/mute-reader.ts';
import { createRateLimiter, formatRateLimit, parseRateLimit, type RateLimiter, windowEndMs } from '../lib/rate-limiter.ts';
import { resolveMentions } from '../lib/mentions.ts';
import { type AppliedChange, applyChange, type Change, type ChangeDeps, createChangeDeps, replyRef } from './change-applier.ts';
import { createMentionNotifier } from './mention-notifier.ts';
import { createMentionStore, type MentionStore } from './mention-store.ts';
import { parseRequest } from './persist-request.ts';

export { PersistRequestSchema } from './persist-request.ts';

export interface PersistMessagesDeps extends ChangeDeps {
  writer: MessageWriter;
  rooms: RoomToucher;
  rateLimiter: RateLimiter;
  mutes: MuteReader;
  members: MembershipReader;
  /** Mention notices, on the mentioned members' user channels. */
  publisher: EventPublisher;
  /** The mentioned members' stored lists (`GET /me/mentions`). */
  mentionStore: MentionStore;
  logger: Logger;
  metrics: MetricsSink;
  clock: () => number;
  nextId: MessageIdGenerator;
}

/** How long a mention notice's publish may take before it is given up (logged and counted). */
export const MENTION_PUBLISH_TIMEOUT_MS = 2_000;

export type PersistMessages = (event: unknown, context?: Context) => Promise<PersistResponse>;

/** Lambda entry point for the `persistMessages` AppSync data source (REQUEST_RESPONSE). */
export function createPersistMessagesHandler(env: Record<string, string | undefined>): PersistMessages {
  const config = readEnv(PersistMessagesEnvSchema, env);
  const runtime = readEnv(AwsRuntimeEnvSchema, env);
  if (runtime.AWS_ACCESS_KEY_ID === undefined || runtime.AWS_SECRET_ACCESS_KEY === undefined) {
    throw new ConfigurationError('persist-messages signs its mention notices with the runtime credentials, and they are missing');
  }
  const client = createDocumentClient(runtime);
  return createPersistMessages({
    // Moderators search by author name: the directory maps names to subs (amplify/data/README.md).
    writer: recordingAuthors(createMessageWriter(client, config.TABLE_NAME), createAuthorDirectory(client, config.TABLE_NAME)),
    rooms: createRoomToucher(client, config.TABLE_NAME),
    rateLimiter: createRateLimiter(client, config.TABLE_NAME, parseRateLimit(config.RATE_LIMIT ?? DEFAULT_RATE_LIMIT)),
    mutes: createMuteReader(client, config.TABLE_NAME),
    members: createMembershipReader(client, config.TABLE_NAME),
    mentionStore: createMentionStore(client, config.TABLE_NAME),
    publisher: createEventPublisher({
      url: config.EVENT_API_URL,
      region: runtime.AWS_REGION,
      credentials: { accessKeyId: runtime.AWS_ACCESS_KEY_ID, secretAccessKey: runtime.AWS_SECRET_ACCESS_KEY, sessionToken: runtime.AWS_SESSION_TOKEN },
      // The batch's answer (and so the room's broadcast) waits for the notices: keep it short.
      timeoutMs: MENTION_PUBLISH_TIMEOUT_MS,
    }),
    logger: createLogger({ serviceName: config.POWERTOOLS_SERVICE_NAME ?? 'persist-messages', logLevel: config.POWERTOOLS_LOG_LEVEL }),
    metrics: metricsFromEnv(config, 'persist-messages'),
    clock: Date.now,
    nextId: createMessageIdGenerator((length) => randomBytes(length)),
    ...createChangeDeps(client, config.TABLE_NAME),
  });
}

/**
 * Per batch (messages and changes alike), in order: the author's mute (1 GetItem) and rate limit (1 UpdateItem), side by side,
 * with, for a private room or DM only, the author's membership (1 GetItem, 0.5 RCU); the room's
 * `lastMessageAt` (1 conditional UpdateItem that also proves the room exists, is not archived and,
 * for a private room or DM, is on the channel's epoch: no read of the room per batch, and a
 * refused batch pays the one GetItem that tells why); then one conditional put per message. A
 * muted author's events all fail with `MUTED`; rate-limited events and events for an unknown or
 * archived room fail per event, and a non-member's exactly as an unknown room's (`NOT_FOUND`, the
 * same text: nothing tells them the room exists); a stale epoch fails with `ROOM_MOVED`. A
 * DynamoDB error in the first two steps fails the invocation, so the handler reports every event
 * as not stored. Once stored, each new message that mentions others publishes one notice per
 * mentioned member (mention-notifier.ts) and stores it in that member's list, and so does each
 * edit for the members it mentions that the text it replaced did not; each delete takes the
 * mentions of its message back the same way (a withdrawal per member it had mentioned). A notice,
 * a withdrawal or a stored one that fails is logged and counted, never an event error.
 */
export function createPersistMessages(deps: PersistMessagesDeps): PersistMessages {
  const { writer, rooms, rateLimiter, mutes, members, logger, metrics, clock, nextId } = deps;
  const mentions = createMentionNotifier({ publisher: deps.publisher, members, store: deps.mentionStore, logger, metrics });

  return async (event, context) => {
    logger.resetKeys();
    if (context) logger.addContext(context);
    const request = parseRequest(event);
    logger.appendKeys({ roomId: request.roomId, authorSub: request.author.sub });

    const now = clock();
    const createdAt = new Date(now).toISOString();
    // Changes count against the rate limit like messages: each is broadcast to the whole room too.
    const events: { eventId: string }[] = [...request.messages, ...(request.changes ?? [])];
    const [mute, { allowed }, membership] = await Promise.all([
      mutes.status(request.author.sub, now),
      rateLimiter.admit(request.author.sub, events.length, now),
      // Public rooms have no members to check: the id says which rooms do, so they pay nothing.
      request.epoch === undefined ? { member: true } : members.status(request.roomId, request.author.sub),
    ]);
    if (mute.until !== undefined) {
      metrics.count('MessagesMuted', events.length);
      const muted = new MutedError('you are muted', mute.until);
      return finish(events.map((m) => failure(m.eventId, muted)));
    }
    const limited = events.slice(allowed).map((m) => failure(m.eventId, rateLimited(rateLimiter, now)));
    const admitted = new Set(events.slice(0, allowed).map((e) => e.eventId));
    const messages = request.messages.filter((m) => admitted.has(m.eventId));
    const changes = (request.changes ?? []).filter((c) => admitted.has(c.eventId));
    metrics.count('MessagesRateLimited', limited.length);
    if (admitted.size === 0) return finish(limited);

    // Before the writes: an unknown room must not get messages. Rooms are created by POST /rooms.
    const refuseAll = (error: Error) => finish([...[...admitted].map((id) => failure(id, error)), ...limited]);
    const unknown = new NotFoundError(`Room ${request.roomId} does not exist; create it with POST /rooms`);
    if (!membership.member) return refuseAll(unknown);
    // A batch of changes only is no new activity: the same checks, read instead of written.
    const room = messages.length > 0 ? await rooms.touch(request.roomId, createdAt, request.epoch) : await rooms.check(request.roomId, request.epoch);
    if (!room.exists) return refuseAll(unknown);
    if (room.archived) return refuseAll(new RoomArchivedError(`Room ${request.roomId} is archived; it is read-only`));
    if (room.moved) return refuseAll(new RoomMovedError(`Room ${request.roomId} has a new channel; read the room again and send there`));

    const [stored, changed] = await Promise.all([storeMessages(request, messages, now), applyChanges(request, changes, now)]);
    return finish([...stored, ...changed, ...limited]);
  };

  async function storeMessages(request: PersistRequest, messages: PersistRequest['messages'], now: number): Promise<PersistResult[]> {
    const createdAt = new Date(now).toISOString();
    // Ids are drawn in batch order before any write, so the batch keeps its order in the room.
    const drafts = messages.map((m) => ({ m, id: nextId(now) }));
    const outcomes = await Promise.allSettled(
      drafts.map(async ({ m, id }) => {
        const [replyTo, mentions] = await Promise.all([
          m.replyTo === undefined ? undefined : replyRef(deps, request.roomId, m.replyTo),
          resolveMentions(deps.handles, m.text, createdAt),
        ]);
        const message: ChatMessage = { id, roomId: request.roomId, text: m.text, author: request.author, createdAt, clientMsgId: m.clientMsgId };
        return writer.writeOnce({ ...message, ...(replyTo ? { replyTo } : {}), ...(mentions.length > 0 ? { mentions } : {}) });
      }),
    );
    const stored = outcomes.map((outcome, i) => toResult(drafts[i]!.m.eventId, outcome));
    metrics.count('MessagesStored', outcomes.filter((o) => o.status === 'fulfilled' && o.value.created).length);
    metrics.count('MessagesDeduplicated', outcomes.filter((o) => o.status === 'fulfilled' && !o.value.created).length);
    metrics.count('MessagesRejected', stored.filter((r) => r.error !== undefined).length);
    // New messages only: a retry found stored already was announced when it was first stored.
    const created = outcomes.flatMap((o) => (o.status === 'fulfilled' && o.value.created ? [o.value.message] : []));
    await mentions.notify(created.map((message) => ({ message, recipients: mentionRecipients(message) })), request.epoch !== undefined, now);
    return stored;
  }

  /**
   * One after the other, in publish order: two changes of one message apply as sent. Then the
   * members the batch's edits newly mention are told, as of a new message, and those its deletes
   * had mentioned are told the mention is withdrawn.
   */
  async function applyChanges(request: PersistRequest, changes: Change[], now: number): Promise<PersistResult[]> {
    const applied: AppliedChange[] = [];
    for (const change of changes) {
      const refused = (error: unknown): AppliedChange => ({ result: failure(change.eventId, error), mentions: [], withdrawals: [] });
      applied.push(await applyChange(deps, request.roomId, request.author, change, now).catch(refused));
    }
    const results = applied.map((a) => a.result);
    if (changes.length > 0) metrics.count('ChangesApplied', results.filter((r) => r.change !== undefined).length);
    const withdrawals = applied.flatMap((a) => a.withdrawals);
    // An edit and a delete of one message in one batch: the member hears of the delete only (both
    // would be stored under the same key at the same time, and the mention could win).
    const deleted = new Set(withdrawals.map((w) => w.message.id));
    await Promise.all([
      mentions.notify(applied.flatMap((a) => a.mentions).filter((m) => !deleted.has(m.message.id)), request.epoch !== undefined, now),
      mentions.withdraw(withdrawals, request.epoch !== undefined, now),
    ]);
    return results;
  }

  function toResult(eventId: string, outcome: PromiseSettledResult<WriteOutcome>): PersistResult {
    return outcome.status === 'fulfilled' ? { eventId, message: outcome.value.message satisfies ChatMessage } : failure(eventId, outcome.reason);
  }

  /**
   * The one error → output mapper: a known error keeps its code and message (and the time a
   * retry can succeed); anything else is logged and becomes INTERNAL, its cause kept out of the
   * answer clients read.
   */
  function failure(eventId: string, error: unknown): PersistResult {
    if (error instanceof AppError && isEventErrorCode(error.code)) {
      return { eventId, error: formatEventError(error.code, error.message, error.retryAt) };
    }
    logger.error('storing a message failed', { eventId, error: error as Error });
    return { eventId, error: formatEventError('INTERNAL', 'Message not stored; please retry') };
  }

  function finish(results: PersistResult[]): PersistResponse {
    const failedByCode = new Map<string, number>();
    for (const { error } of results) {
      const code = parseEventError(error)?.code;
      if (code) failedByCode.set(code, (failedByCode.get(code) ?? 0) + 1);
    }
    for (const [code, failed] of failedByCode) metrics.countByCode(EVENTS_FAILED_METRIC, code, failed);
    metrics.flush();
    logger.debug('persisted batch', { results: results.map((r) => ({ eventId: r.eventId, id: r.message?.id, error: r.error })) });
    return { results };
  }
}

function rateLimited({ limit }: RateLimiter, nowMs: number): RateLimitedError {
  const [count, seconds] = formatRateLimit(limit).split('/');
  // Only an active limit refuses events, so `limit` is a window here.
  const retryAt = limit === 'off' ? nowMs : windowEndMs(limit, nowMs);
  return new RateLimitedError(`more than ${count} messages in ${seconds} s`, new Date(retryAt).toISOString());
}

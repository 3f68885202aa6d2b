import { randomBytes } from 'node:crypto';
import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import type { ChatMessage, PersistRequest, PersistResponse, PersistResult } from '../../core/messages.ts';
import { isMembersOnlyRoomId, isValidEpoch, isValidRoomId } from '../../core/channels.ts';
import { formatEventError, isEventErrorCode, parseEventError } from '../../core/event-errors.ts';
import { createAuthorDirectory, recordingAuthors } from '../lib/author-directory.ts';
import { createDocumentClient } from '../lib/dynamo-client.ts';
import { AwsRuntimeEnvSchema, nonEmpty, readEnv } from '../lib/env.ts';
import { AppError, BadRequestError, MutedError, NotFoundError, RateLimitedError, RoomArchivedError, RoomMovedError } from '../lib/errors.ts';
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

export interface PersistMessagesDeps {
  writer: MessageWriter;
  rooms: RoomToucher;
  rateLimiter: RateLimiter;
  mutes: MuteReader;
  members: MembershipReader;
  logger: Logger;
  metrics: MetricsSink;
  clock: () => number;
  nextId: MessageIdGenerator;
}

export type PersistMessages = (event: unknown, context?: Context) => Promise<PersistResponse>;

/**
 * The handler validated and sanitized the request already; this re-checks the shape only, so a
 * wiring mistake fails loudly instead of storing half-formed items. zod/mini, as in lib/env.ts:
 * a message waits on this function's cold start, and zod's full API doubled its bundle.
 */
export const PersistRequestSchema = z
  .object({
    roomId: z.string().check(z.refine(isValidRoomId, 'invalid room id')),
    epoch: z.optional(z.string().check(z.refine(isValidEpoch, 'invalid epoch'))),
    author: z.object({ sub: nonEmpty(), handle: nonEmpty(), displayName: nonEmpty(), moderator: z.boolean() }),
    messages: z.array(z.object({ eventId: nonEmpty(), clientMsgId: nonEmpty(), text: z.string() })),
  })
  .check(
    z.refine((r) => (r.epoch !== undefined) === isMembersOnlyRoomId(r.roomId), {
      message: 'an epoch is required for a private room or DM, and only there',
      path: ['epoch'],
    }),
  ) satisfies z.ZodMiniType<PersistRequest>;

/** Lambda entry point for the `persistMessages` AppSync data source (REQUEST_RESPONSE). */
export function createPersistMessagesHandler(env: Record<string, string | undefined>): PersistMessages {
  const config = readEnv(PersistMessagesEnvSchema, env);
  const client = createDocumentClient(readEnv(AwsRuntimeEnvSchema, env));
  return createPersistMessages({
    // Moderators search by author name: the directory maps names to subs (amplify/data/README.md).
    writer: recordingAuthors(createMessageWriter(client, config.TABLE_NAME), createAuthorDirectory(client, config.TABLE_NAME)),
    rooms: createRoomToucher(client, config.TABLE_NAME),
    rateLimiter: createRateLimiter(client, config.TABLE_NAME, parseRateLimit(config.RATE_LIMIT ?? DEFAULT_RATE_LIMIT)),
    mutes: createMuteReader(client, config.TABLE_NAME),
    members: createMembershipReader(client, config.TABLE_NAME),
    logger: createLogger({ serviceName: config.POWERTOOLS_SERVICE_NAME ?? 'persist-messages', logLevel: config.POWERTOOLS_LOG_LEVEL }),
    metrics: metricsFromEnv(config, 'persist-messages'),
    clock: Date.now,
    nextId: createMessageIdGenerator((length) => randomBytes(length)),
  });
}

/**
 * Per batch, in order: the author's mute (1 GetItem) and rate limit (1 UpdateItem), side by side,
 * with, for a private room or DM only, the author's membership (1 GetItem, 0.5 RCU); the room's
 * `lastMessageAt` (1 conditional UpdateItem that also proves the room exists, is not archived and,
 * for a private room or DM, is on the channel's epoch: no read of the room per batch, and a
 * refused batch pays the one GetItem that tells why); then one conditional put per message. A
 * muted author's events all fail with `MUTED`; rate-limited events and events for an unknown or
 * archived room fail per event, and a non-member's exactly as an unknown room's (`NOT_FOUND`, the
 * same text: nothing tells them the room exists); a stale epoch fails with `ROOM_MOVED`. A
 * DynamoDB error in the first two steps fails the invocation, so the handler reports every event
 * as not stored.
 */
export function createPersistMessages(deps: PersistMessagesDeps): PersistMessages {
  const { writer, rooms, rateLimiter, mutes, members, logger, metrics, clock, nextId } = deps;

  return async (event, context) => {
    logger.resetKeys();
    if (context) logger.addContext(context);
    const request = parseRequest(event);
    logger.appendKeys({ roomId: request.roomId, authorSub: request.author.sub });

    const now = clock();
    const createdAt = new Date(now).toISOString();
    const [mute, { allowed }, membership] = await Promise.all([
      mutes.status(request.author.sub, now),
      rateLimiter.admit(request.author.sub, request.messages.length, now),
      // Public rooms have no members to check: the id says which rooms do, so they pay nothing.
      request.epoch === undefined ? { member: true } : members.status(request.roomId, request.author.sub),
    ]);
    if (mute.until !== undefined) {
      metrics.count('MessagesMuted', request.messages.length);
      const muted = new MutedError('you are muted', mute.until);
      return finish(request.messages.map((m) => failure(m.eventId, muted)));
    }
    const limited = request.messages.slice(allowed).map((m) => failure(m.eventId, rateLimited(rateLimiter, now)));
    const admitted = request.messages.slice(0, allowed);
    metrics.count('MessagesRateLimited', limited.length);
    if (admitted.length === 0) return finish(limited);

    // Before the writes: an unknown room must not get messages. Rooms are created by POST /rooms.
    const unknown = new NotFoundError(`Room ${request.roomId} does not exist; create it with POST /rooms`);
    if (!membership.member) {
      return finish([...admitted.map((m) => failure(m.eventId, unknown)), ...limited]);
    }
    const room = await rooms.touch(request.roomId, createdAt, request.epoch);
    if (!room.exists) {
      return finish([...admitted.map((m) => failure(m.eventId, unknown)), ...limited]);
    }
    if (room.archived) {
      const archived = new RoomArchivedError(`Room ${request.roomId} is archived; it is read-only`);
      return finish([...admitted.map((m) => failure(m.eventId, archived)), ...limited]);
    }
    if (room.moved) {
      const moved = new RoomMovedError(`Room ${request.roomId} has a new channel; read the room again and send there`);
      return finish([...admitted.map((m) => failure(m.eventId, moved)), ...limited]);
    }

    // Ids are drawn in batch order before any write, so the batch keeps its order in the room.
    const drafts = admitted.map((m) => ({
      eventId: m.eventId,
      message: { id: nextId(now), roomId: request.roomId, text: m.text, author: request.author, createdAt, clientMsgId: m.clientMsgId },
    }));
    const outcomes = await Promise.allSettled(drafts.map((d) => writer.writeOnce(d.message)));
    const stored = outcomes.map((outcome, i) => toResult(drafts[i]!.eventId, outcome));

    metrics.count('MessagesStored', outcomes.filter((o) => o.status === 'fulfilled' && o.value.created).length);
    metrics.count('MessagesDeduplicated', outcomes.filter((o) => o.status === 'fulfilled' && !o.value.created).length);
    metrics.count('MessagesRejected', stored.filter((r) => r.error !== undefined).length);
    return finish([...stored, ...limited]);
  };

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

function parseRequest(event: unknown): PersistRequest {
  const parsed = PersistRequestSchema.safeParse(event);
  if (!parsed.success) throw new BadRequestError(`Invalid persist request: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

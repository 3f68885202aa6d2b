import { randomBytes } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import type { ChatMessage, PersistRequest, PersistResponse, PersistResult } from '../../core/messages.ts';
import { isValidRoomId } from '../../core/channels.ts';
import { createDocumentClient } from '../lib/dynamo-client.ts';
import { AwsRuntimeEnvSchema, readEnv } from '../lib/env.ts';
import { AppError, BadRequestError } from '../lib/errors.ts';
import { createLogger, type Logger } from '../lib/logger.ts';
import { createMessageIdGenerator, type MessageIdGenerator } from '../lib/message-id.ts';
import { createMetrics, type MetricsSink } from '../lib/metrics.ts';
import { createRoomStore, type RoomStore } from '../lib/room-store.ts';
import { PersistMessagesEnvSchema } from './env.ts';
import { createMessageWriter, type MessageWriter, type WriteOutcome } from './message-writer.ts';

export interface PersistMessagesDeps {
  writer: MessageWriter;
  rooms: Pick<RoomStore, 'touch'>;
  logger: Logger;
  metrics: MetricsSink;
  clock: () => number;
  nextId: MessageIdGenerator;
}

export type PersistMessages = (event: unknown, context?: Context) => Promise<PersistResponse>;

/**
 * The handler validated and sanitized the request already; this re-checks the shape only, so a
 * wiring mistake fails loudly instead of storing half-formed items.
 */
export const PersistRequestSchema = z.object({
  roomId: z.string().refine(isValidRoomId, 'invalid room id'),
  author: z.object({ sub: z.string().min(1), username: z.string(), displayName: z.string() }),
  messages: z.array(z.object({ eventId: z.string().min(1), clientMsgId: z.string().min(1), text: z.string() })),
}) satisfies z.ZodType<PersistRequest>;

/** Lambda entry point for the `persistMessages` AppSync data source (REQUEST_RESPONSE). */
export function createPersistMessagesHandler(env: Record<string, string | undefined>): PersistMessages {
  const config = readEnv(PersistMessagesEnvSchema, env);
  const client = createDocumentClient(readEnv(AwsRuntimeEnvSchema, env));
  const serviceName = config.POWERTOOLS_SERVICE_NAME ?? 'persist-messages';
  return createPersistMessages({
    writer: createMessageWriter(client, config.TABLE_NAME),
    rooms: createRoomStore(client, config.TABLE_NAME),
    logger: createLogger({ serviceName, logLevel: config.POWERTOOLS_LOG_LEVEL }),
    metrics: createMetrics({
      namespace: config.POWERTOOLS_METRICS_NAMESPACE ?? 'Parley',
      serviceName,
      disabled: config.POWERTOOLS_METRICS_DISABLED === 'true',
    }),
    clock: Date.now,
    nextId: createMessageIdGenerator((length) => randomBytes(length)),
  });
}

export function createPersistMessages(deps: PersistMessagesDeps): PersistMessages {
  const { writer, rooms, logger, metrics, clock, nextId } = deps;

  return async (event, context) => {
    logger.resetKeys();
    if (context) logger.addContext(context);
    const request = parseRequest(event);
    logger.appendKeys({ roomId: request.roomId, authorSub: request.author.sub });

    const now = clock();
    const createdAt = new Date(now).toISOString();
    // Ids are drawn in batch order before any write, so the batch keeps its order in the room.
    const drafts = request.messages.map((m) => ({
      eventId: m.eventId,
      message: { id: nextId(now), roomId: request.roomId, text: m.text, author: request.author, createdAt, clientMsgId: m.clientMsgId },
    }));
    const outcomes = await Promise.allSettled(drafts.map((d) => writer.writeOnce(d.message)));
    const results = outcomes.map((outcome, i) => toResult(drafts[i]!.eventId, outcome, logger));

    const created = outcomes.filter((o) => o.status === 'fulfilled' && o.value.created).length;
    if (created > 0) await touchRoom(rooms, request.roomId, createdAt, logger);

    metrics.count('MessagesStored', created);
    metrics.count('MessagesDeduplicated', outcomes.filter((o) => o.status === 'fulfilled' && !o.value.created).length);
    metrics.count('MessagesRejected', results.filter((r) => r.error !== undefined).length);
    metrics.flush();
    logger.debug('persisted batch', { results: results.map((r) => ({ eventId: r.eventId, id: r.message?.id, error: r.error })) });
    return { results };
  };
}

function parseRequest(event: unknown): PersistRequest {
  const parsed = PersistRequestSchema.safeParse(event);
  if (!parsed.success) throw new BadRequestError(`Invalid persist request: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

function toResult(eventId: string, outcome: PromiseSettledResult<WriteOutcome>, logger: Logger): PersistResult {
  return outcome.status === 'fulfilled'
    ? { eventId, message: outcome.value.message satisfies ChatMessage }
    : { eventId, error: toEventError(outcome.reason, eventId, logger) };
}

/** The one error → output mapper: known errors keep their code, anything else becomes INTERNAL. */
export function toEventError(error: unknown, eventId: string, logger: Logger): string {
  logger.error('storing a message failed', { eventId, error: error as Error });
  return error instanceof AppError ? error.code : 'INTERNAL';
}

/** The messages are stored whatever happens here; a stale room list is not worth failing them. */
async function touchRoom(rooms: Pick<RoomStore, 'touch'>, roomId: string, at: string, logger: Logger): Promise<void> {
  try {
    await rooms.touch(roomId, at);
  } catch (error) {
    logger.warn('updating lastMessageAt failed', { error: error as Error });
  }
}

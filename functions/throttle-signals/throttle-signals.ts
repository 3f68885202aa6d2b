import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { isMembersOnlyRoomId, isValidEpoch, isValidRoomId } from '../../core/channels.ts';
import { formatEventError } from '../../core/event-errors.ts';
import type { ThrottleSignalsRequest, ThrottleSignalsResponse } from '../../core/messages.ts';
import { createDocumentClient } from '../lib/dynamo-client.ts';
import { AwsRuntimeEnvSchema, nonEmpty, readEnv } from '../lib/env.ts';
import { BadRequestError } from '../lib/errors.ts';
import { createLogger, type Logger } from '../lib/logger.ts';
import { createMembershipReader, type MembershipReader } from '../lib/membership-reader.ts';
import { createMuteReader, type MuteReader } from '../lib/mute-reader.ts';
import { createRoomEpochReader, type RoomEpochReader } from '../lib/room-epoch-reader.ts';
import { ThrottleSignalsEnvSchema } from './env.ts';
import { createSignalWindow, type SignalWindow } from './signal-window.ts';

export interface ThrottleSignalsDeps {
  window: SignalWindow;
  mutes: MuteReader;
  members: MembershipReader;
  epochs: RoomEpochReader;
  logger: Logger;
  clock: () => number;
}

export type ThrottleSignals = (event: unknown, context?: Context) => Promise<ThrottleSignalsResponse>;

/** The handler built the request from the identity; a wrong shape is a wiring mistake. */
export const ThrottleSignalsRequestSchema = z
  .object({
    authorSub: nonEmpty(),
    roomId: z.string().check(z.refine(isValidRoomId, 'invalid room id')),
    epoch: z.optional(z.string().check(z.refine(isValidEpoch, 'invalid epoch'))),
    eventIds: z.array(nonEmpty()),
  })
  .check(
    z.refine((r) => (r.epoch !== undefined) === isMembersOnlyRoomId(r.roomId), {
      message: 'an epoch is required for a private room or DM, and only there',
      path: ['epoch'],
    }),
  ) satisfies z.ZodMiniType<ThrottleSignalsRequest>;

/** Lambda entry point for the `throttleSignals` AppSync data source (REQUEST_RESPONSE). */
export function createThrottleSignalsHandler(env: Record<string, string | undefined>): ThrottleSignals {
  const config = readEnv(ThrottleSignalsEnvSchema, env);
  const client = createDocumentClient(readEnv(AwsRuntimeEnvSchema, env));
  return createThrottleSignals({
    window: createSignalWindow(client, config.TABLE_NAME),
    mutes: createMuteReader(client, config.TABLE_NAME),
    members: createMembershipReader(client, config.TABLE_NAME),
    epochs: createRoomEpochReader(client, config.TABLE_NAME),
    logger: createLogger({ serviceName: config.POWERTOOLS_SERVICE_NAME ?? 'throttle-signals', logLevel: config.POWERTOOLS_LOG_LEVEL }),
    clock: Date.now,
  });
}

/**
 * "At most 1 typing signal per 2 s per user": only the first event of a batch can pass, and only
 * if the author's window is open (one conditional UpdateItem); the rest are dropped. A muted
 * author's signals are all dropped: the mute is read (one GetItem) beside the window's update, as
 * persist-messages reads it beside its rate limit, so it adds no round trip. In a private room or
 * DM two more GetItems run beside them: the author's membership and the room's epoch. A
 * non-member's batch fails with `NOT_FOUND`, the text an unknown room's messages get; a batch on
 * a stale epoch fails with `ROOM_MOVED` rather than being dropped: it is refused for the reason a
 * message there is (the old channel may still have a removed member listening, so nothing may be
 * broadcast on it), and the error tells a stale client to re-read the room, which a silent drop
 * would not. A DynamoDB error fails the invocation, and the `signals` handler then drops the whole
 * batch.
 */
export function createThrottleSignals(deps: ThrottleSignalsDeps): ThrottleSignals {
  const { window, mutes, members, epochs, logger, clock } = deps;
  return async (event, context) => {
    logger.resetKeys();
    if (context) logger.addContext(context);
    const parsed = ThrottleSignalsRequestSchema.safeParse(event);
    if (!parsed.success) {
      throw new BadRequestError(`Invalid throttle request: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    }
    const { authorSub, roomId, epoch, eventIds } = parsed.data;
    const [first] = eventIds;
    if (first === undefined) return { allowedIds: [] };
    logger.appendKeys({ authorSub, roomId });
    const now = clock();
    const [mute, claimed, refusal] = await Promise.all([
      mutes.status(authorSub, now),
      window.claim(authorSub, now),
      membersOnlyRefusal(roomId, authorSub, epoch),
    ]);
    if (refusal !== null) {
      logger.debug('typing signals refused', { requested: eventIds.length, refusal });
      return { allowedIds: [], error: refusal };
    }
    const allowed = claimed && mute.until === undefined;
    logger.debug('typing signals throttled', { requested: parsed.data.eventIds.length, allowed: allowed ? 1 : 0, muted: mute.until !== undefined });
    return { allowedIds: allowed ? [first] : [] };
  };

  /** Why a private room's or DM's batch fails (a per-event error text), or null when it may pass. */
  async function membersOnlyRefusal(roomId: string, authorSub: string, epoch: string | undefined): Promise<string | null> {
    if (epoch === undefined) return null;
    const [membership, room] = await Promise.all([members.status(roomId, authorSub), epochs.read(roomId)]);
    if (!membership.member || !room.exists) return formatEventError('NOT_FOUND', `Room ${roomId} does not exist; create it with POST /rooms`);
    if (room.epoch !== epoch) return formatEventError('ROOM_MOVED', `Room ${roomId} has a new channel; read the room again and send there`);
    return null;
  }
}

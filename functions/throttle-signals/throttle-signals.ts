import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import type { ThrottleSignalsRequest, ThrottleSignalsResponse } from '../../core/messages.ts';
import { createDocumentClient } from '../lib/dynamo-client.ts';
import { AwsRuntimeEnvSchema, nonEmpty, readEnv } from '../lib/env.ts';
import { BadRequestError } from '../lib/errors.ts';
import { createLogger, type Logger } from '../lib/logger.ts';
import { createMuteReader, type MuteReader } from '../lib/mute-reader.ts';
import { ThrottleSignalsEnvSchema } from './env.ts';
import { createSignalWindow, type SignalWindow } from './signal-window.ts';

export interface ThrottleSignalsDeps {
  window: SignalWindow;
  mutes: MuteReader;
  logger: Logger;
  clock: () => number;
}

export type ThrottleSignals = (event: unknown, context?: Context) => Promise<ThrottleSignalsResponse>;

/** The handler built the request from the identity; a wrong shape is a wiring mistake. */
export const ThrottleSignalsRequestSchema = z.object({
  authorSub: nonEmpty(),
  eventIds: z.array(nonEmpty()),
}) satisfies z.ZodMiniType<ThrottleSignalsRequest>;

/** Lambda entry point for the `throttleSignals` AppSync data source (REQUEST_RESPONSE). */
export function createThrottleSignalsHandler(env: Record<string, string | undefined>): ThrottleSignals {
  const config = readEnv(ThrottleSignalsEnvSchema, env);
  const client = createDocumentClient(readEnv(AwsRuntimeEnvSchema, env));
  return createThrottleSignals({
    window: createSignalWindow(client, config.TABLE_NAME),
    mutes: createMuteReader(client, config.TABLE_NAME),
    logger: createLogger({ serviceName: config.POWERTOOLS_SERVICE_NAME ?? 'throttle-signals', logLevel: config.POWERTOOLS_LOG_LEVEL }),
    clock: Date.now,
  });
}

/**
 * "At most 1 typing signal per 2 s per user": only the first event of a batch can pass, and only
 * if the author's window is open (one conditional UpdateItem); the rest are dropped. A muted
 * author's signals are all dropped: the mute is read (one GetItem) beside the window's update, as
 * persist-messages reads it beside its rate limit, so it adds no round trip. A DynamoDB error
 * fails the invocation, and the `signals` handler then drops the whole batch.
 */
export function createThrottleSignals(deps: ThrottleSignalsDeps): ThrottleSignals {
  const { window, mutes, logger, clock } = deps;
  return async (event, context) => {
    logger.resetKeys();
    if (context) logger.addContext(context);
    const parsed = ThrottleSignalsRequestSchema.safeParse(event);
    if (!parsed.success) {
      throw new BadRequestError(`Invalid throttle request: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    }
    const [first] = parsed.data.eventIds;
    if (first === undefined) return { allowedIds: [] };
    logger.appendKeys({ authorSub: parsed.data.authorSub });
    const now = clock();
    const [mute, claimed] = await Promise.all([mutes.status(parsed.data.authorSub, now), window.claim(parsed.data.authorSub, now)]);
    const allowed = claimed && mute.until === undefined;
    logger.debug('typing signals throttled', { requested: parsed.data.eventIds.length, allowed: allowed ? 1 : 0, muted: mute.until !== undefined });
    return { allowedIds: allowed ? [first] : [] };
  };
}

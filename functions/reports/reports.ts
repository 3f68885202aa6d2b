import { randomBytes } from 'node:crypto';
import { NO_PROFILE } from '../../core/author.ts';
import { isMembersOnlyRoomId } from '../../core/channels.ts';
import { checkReportRequest, type Report, type ReportRequest } from '../../core/reports.ts';
import { createDocumentClient } from '../lib/dynamo-client.ts';
import { AwsRuntimeEnvSchema, readEnv } from '../lib/env.ts';
import { BadRequestError, ForbiddenError, NotFoundError } from '../lib/errors.ts';
import { type HttpHandler, httpHandler } from '../lib/http-handler.ts';
import { json, readJsonBody } from '../lib/http-response.ts';
import { readJwtCaller } from '../lib/jwt-claims.ts';
import { createLogger, type Logger } from '../lib/logger.ts';
import { createMembershipReader, type MembershipReader } from '../lib/membership-reader.ts';
import { createMessageIdGenerator, type MessageIdGenerator } from '../lib/message-id.ts';
import { metricsFromEnv, type MetricsSink } from '../lib/metrics.ts';
import { ReportsEnvSchema } from './env.ts';
import { createReportStore, type ReportStore } from './report-store.ts';

export type ReportsApi = HttpHandler;

export interface ReportsDeps {
  store: ReportStore;
  members: MembershipReader;
  /** Queue positions (time-ordered, as message and audit ids). */
  nextId: MessageIdGenerator;
  logger: Logger;
  metrics: MetricsSink;
  clock: () => number;
}

export function createReportsHandler(env: Record<string, string | undefined>): ReportsApi {
  const config = readEnv(ReportsEnvSchema, env);
  const client = createDocumentClient(readEnv(AwsRuntimeEnvSchema, env));
  return createReportsApi({
    store: createReportStore(client, config.TABLE_NAME),
    members: createMembershipReader(client, config.TABLE_NAME),
    nextId: createMessageIdGenerator((length) => randomBytes(length)),
    logger: createLogger({ serviceName: config.POWERTOOLS_SERVICE_NAME ?? 'reports', logLevel: config.POWERTOOLS_LOG_LEVEL }),
    metrics: metricsFromEnv(config, 'reports'),
    clock: Date.now,
  });
}

/**
 * `POST /reports {roomId, messageId, reason}`: a member reports a message they can see, 201 with
 * their report, or 200 with the one they made before (once per message per member; the first
 * reason stands). The reporter is the token's profile, never the body. A message that is not
 * stored in that room, is removed, or sits in a private room or DM the caller is not a member of
 * is 404 with the same message in each case, so a report tells nobody what they cannot read.
 */
export function createReportsApi(deps: ReportsDeps): ReportsApi {
  const { store, members, logger, metrics } = deps;
  return httpHandler(deps, async (request) => {
    if (request.routeKey !== 'POST /reports') throw new NotFoundError(`No route ${request.routeKey}`);
    const caller = readJwtCaller(request);
    if (caller.sub === undefined) throw new ForbiddenError('A report needs a signed-in member');
    if (caller.profile === null) throw new ForbiddenError(`Report refused: ${NO_PROFILE}`);
    const { roomId, messageId, reason } = parseReportRequest(request.body === undefined ? undefined : readJsonBody(request));
    logger.appendKeys({ callerSub: caller.sub, roomId, messageId });

    const [member, message] = await Promise.all([
      isMembersOnlyRoomId(roomId) ? members.status(roomId, caller.sub).then((status) => status.member) : Promise.resolve(true),
      store.visibleMessage(roomId, messageId),
    ]);
    if (!member || message === null) throw new NotFoundError(`Message ${messageId} not found in room ${roomId}`);
    if (message.author.sub === caller.sub) throw new BadRequestError('You cannot report your own message');

    const now = deps.clock();
    const reporter = { sub: caller.profile.sub, handle: caller.profile.handle, displayName: caller.profile.displayName };
    const { report, created } = await store.report({ roomId, messageId, reporter, reason, at: new Date(now).toISOString(), queueId: deps.nextId(now) });
    if (created) metrics.count('MessagesReported', 1);
    logger.info('message reported', { created });
    return json(created ? 201 : 200, report satisfies Report);
  });
}

/** The body, the reason in NFC first (as all text), then core's check; anything wrong is a 400 that says what. */
export function parseReportRequest(body: unknown): ReportRequest {
  const normalized =
    typeof body === 'object' && body !== null && !Array.isArray(body) && typeof (body as Record<string, unknown>).reason === 'string'
      ? { ...body, reason: ((body as Record<string, unknown>).reason as string).normalize('NFC') }
      : body;
  const checked = checkReportRequest(normalized);
  if (!checked.ok) throw new BadRequestError(checked.error);
  return checked.value;
}

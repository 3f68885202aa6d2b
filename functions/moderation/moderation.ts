import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { isValidRoomId } from '../../core/channels.ts';
import type { Moderator } from '../../core/moderation.ts';
import { createAuthorDirectory } from '../lib/author-directory.ts';
import { createDocumentClient } from '../lib/dynamo-client.ts';
import { createHandleLookup } from '../lib/handle-lookup.ts';
import { AwsRuntimeEnvSchema, readEnv } from '../lib/env.ts';
import { BadRequestError, ConfigurationError, NotFoundError } from '../lib/errors.ts';
import { createEventPublisher, PublishFailedError } from '../lib/event-publisher.ts';
import { type HttpEvent, type HttpHandler, httpHandler } from '../lib/http-handler.ts';
import { type HttpResult, json, readJsonBody, toErrorResponse } from '../lib/http-response.ts';
import { createLogger, type Logger } from '../lib/logger.ts';
import { metricsFromEnv } from '../lib/metrics.ts';
import { isMessageId } from '../../core/message-id.ts';
import { createMessageIdGenerator } from '../lib/message-id.ts';
import { createRoomStore } from '../lib/room-store.ts';
import { type AuditSearchDeps, searchAudit } from './audit-search.ts';
import { ModerationEnvSchema } from './env.ts';
import { buildExport } from './export.ts';
import { parseAuditFilters, parseExportParams, parseMessageFilters, parsePageParams } from './filters.ts';
import { moderateMessage, type ModerationActionDeps, parseReason } from './moderation-actions.ts';
import { createModerationStore, createReadMeter } from './moderation-store.ts';
import { listMutes, muteAuthor, parseMuteRequest, parseMuteSub, unmuteAuthor } from './mute-actions.ts';
import { type MessageSearchDeps, searchMessages } from './message-search.ts';
import { requireModerator } from './moderator-access.ts';
import { createRoomReadAudit } from './moderator-reads.ts';
import { parseRenameRequest, renameRoom, type RoomActionDeps, setRoomArchived } from './room-actions.ts';
import { createRoomAdminStore } from './room-admin-store.ts';
import { listReports, parseReportQueueParams, parseResolveRequest, type ReportActionDeps, resolveReport } from './report-actions.ts';
import { createReportQueueStore } from './report-queue-store.ts';

export type { HttpEvent };
export type Moderation = HttpHandler;

export type ModerationDeps = MessageSearchDeps & AuditSearchDeps & ModerationActionDeps & RoomActionDeps & ReportActionDeps & { logger: Logger };

/** What moderation reads and writes, all on one table: the Lambda's and the tests' alike. */
export function moderationStores(client: DynamoDBDocumentClient, tableName: string) {
  return {
    store: createModerationStore(client, tableName),
    rooms: createRoomStore(client, tableName),
    roomAdmin: createRoomAdminStore(client, tableName),
    reports: createReportQueueStore(client, tableName),
    authors: createAuthorDirectory(client, tableName),
    handles: createHandleLookup(client, tableName),
  } satisfies Partial<ModerationDeps>;
}

/** Lambda entry point behind `/moderation/*` (moderators only; see core/moderation.ts for the contract). */
export function createModerationHandler(env: Record<string, string | undefined>): Moderation {
  const config = readEnv(ModerationEnvSchema, env);
  const runtime = readEnv(AwsRuntimeEnvSchema, env);
  if (runtime.AWS_ACCESS_KEY_ID === undefined || runtime.AWS_SECRET_ACCESS_KEY === undefined) {
    throw new ConfigurationError('moderation signs its Event API publishes with the runtime credentials, and they are missing');
  }
  const client = createDocumentClient(runtime);
  return createModeration({
    ...moderationStores(client, config.TABLE_NAME),
    publisher: createEventPublisher({
      url: config.EVENT_API_URL,
      region: runtime.AWS_REGION,
      credentials: {
        accessKeyId: runtime.AWS_ACCESS_KEY_ID,
        secretAccessKey: runtime.AWS_SECRET_ACCESS_KEY,
        sessionToken: runtime.AWS_SESSION_TOKEN,
      },
    }),
    logger: createLogger({ serviceName: config.POWERTOOLS_SERVICE_NAME ?? 'moderation', logLevel: config.POWERTOOLS_LOG_LEVEL }),
    metrics: metricsFromEnv(config, 'moderation'),
    clock: Date.now,
    nextId: createMessageIdGenerator((length) => randomBytes(length)),
  });
}

export function createModeration(deps: ModerationDeps): Moderation {
  return httpHandler({ logger: deps.logger, metrics: deps.metrics, toResponse: toModerationErrorResponse }, (request) => {
    const moderator = requireModerator(request);
    deps.logger.appendKeys({ moderatorSub: moderator.sub });
    return route(deps, request, moderator);
  });
}

async function route(deps: ModerationDeps, event: HttpEvent, moderator: ReturnType<typeof requireModerator>): Promise<HttpResult> {
  const params = event.queryStringParameters;
  switch (event.routeKey) {
    case 'GET /moderation/messages': {
      const reads = createRoomReadAudit(deps, moderator);
      const { items, nextCursor, truncated } = await searchMessages(deps, parseMessageFilters(params), parsePageParams(params), createReadMeter(), reads);
      return json(200, { items, nextCursor, truncated });
    }
    case 'GET /moderation/audit':
      return json(200, await searchAudit(deps, parseAuditFilters(params), parsePageParams(params), createReadMeter()));
    case 'GET /moderation/export':
      return exportListing(deps, params, moderator);
    case 'POST /moderation/messages/{roomId}/{messageId}/remove':
    case 'POST /moderation/messages/{roomId}/{messageId}/restore': {
      const remove = event.routeKey.endsWith('/remove');
      const { roomId, messageId } = messageAddress(event.pathParameters);
      deps.logger.appendKeys({ roomId, messageId });
      const reason = parseReason(readOptionalJsonBody(event), remove);
      const result = await moderateMessage(deps, {
        roomId,
        messageId,
        action: remove ? 'message.removed' : 'message.restored',
        reason,
        moderator,
      });
      return json(200, result);
    }
    case 'POST /moderation/rooms/{roomId}/rename': {
      const roomId = roomAddress(deps, event.pathParameters);
      const { next, reason } = parseRenameRequest(readJsonBody(event));
      return json(200, await renameRoom(deps, roomId, next, reason, moderator));
    }
    case 'POST /moderation/rooms/{roomId}/archive':
    case 'POST /moderation/rooms/{roomId}/unarchive': {
      const roomId = roomAddress(deps, event.pathParameters);
      const reason = parseReason(readOptionalJsonBody(event), false);
      return json(200, await setRoomArchived(deps, roomId, event.routeKey.endsWith('/archive'), reason, moderator));
    }
    case 'GET /moderation/mutes':
      return json(200, await listMutes(deps, parsePageParams(params)));
    case 'POST /moderation/mutes':
      return json(200, await muteAuthor(deps, parseMuteRequest(readJsonBody(event)), moderator));
    case 'DELETE /moderation/mutes/{sub}': {
      const sub = parseMuteSub(event.pathParameters);
      deps.logger.appendKeys({ mutedSub: sub });
      return json(200, await unmuteAuthor(deps, sub, parseReason(readOptionalJsonBody(event), false), moderator));
    }
    case 'GET /moderation/reports':
      return json(200, await listReports(deps, parseReportQueueParams(params), createRoomReadAudit(deps, moderator)));
    case 'POST /moderation/reports/{reportId}/resolve': {
      const reportId = event.pathParameters?.reportId ?? '';
      deps.logger.appendKeys({ reportId });
      return json(200, await resolveReport(deps, reportId, parseResolveRequest(readJsonBody(event)), moderator));
    }
    default:
      throw new NotFoundError(`No route ${event.routeKey}`);
  }
}

function exportListing(deps: ModerationDeps, params: Record<string, string | undefined> | undefined, moderator: Moderator): Promise<HttpResult> {
  const { kind, format } = parseExportParams(params);
  const { cursor } = parsePageParams({ cursor: params?.cursor });
  const common = { kind, format, cursor, meter: createReadMeter(), now: new Date(deps.clock()) };
  if (kind === 'audit') {
    const filters = parseAuditFilters(params);
    return buildExport({ ...common, filters, page: (page, meter, budget) => searchAudit(deps, filters, page, meter, budget) });
  }
  const filters = parseMessageFilters(params);
  // One audit for the whole export: each private room it shows is recorded once, however many pages.
  const reads = createRoomReadAudit(deps, moderator);
  return buildExport({ ...common, filters, page: (page, meter, budget) => searchMessages(deps, filters, page, meter, reads, budget) });
}

function messageAddress(path: Record<string, string | undefined> | undefined): { roomId: string; messageId: string } {
  const roomId = path?.roomId;
  const messageId = path?.messageId;
  if (!isValidRoomId(roomId)) throw new BadRequestError('Invalid room id');
  if (!isMessageId(messageId)) throw new BadRequestError('Invalid message id');
  return { roomId, messageId };
}

function roomAddress(deps: ModerationDeps, path: Record<string, string | undefined> | undefined): string {
  const roomId = path?.roomId;
  if (!isValidRoomId(roomId)) throw new BadRequestError('Invalid room id');
  deps.logger.appendKeys({ roomId });
  return roomId;
}

function readOptionalJsonBody(event: HttpEvent): unknown {
  return event.body === undefined || event.body === '' ? {} : readJsonBody(event);
}

/**
 * The one error → response mapper of this function. A failed publish is a 502 that says what
 * happened, since the caller should act on it (retry); everything else as every function maps it.
 */
export function toModerationErrorResponse(error: unknown, logger: Logger): HttpResult {
  if (error instanceof PublishFailedError) {
    logger.error('live update not published', { error });
    return json(502, {
      message: 'The change is saved, but open clients were not told. Retry the same request: it is idempotent and publishes again.',
      code: error.code,
    });
  }
  return toErrorResponse(error, logger);
}

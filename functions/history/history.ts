import { isValidRoomId } from '../../core/channels.ts';
import { type GapFillPage, type MessagePage, type Room, ROOM_PAGE_SIZE, type RoomList } from '../../core/history-api.ts';
import { createDocumentClient } from '../lib/dynamo-client.ts';
import { AwsRuntimeEnvSchema, readEnv } from '../lib/env.ts';
import { BadRequestError, NotFoundError } from '../lib/errors.ts';
import { type HttpEvent, type HttpHandler, httpHandler } from '../lib/http-handler.ts';
import { type HttpResult, json } from '../lib/http-response.ts';
import { createLogger, type Logger } from '../lib/logger.ts';
import { metricsFromEnv, type MetricsSink } from '../lib/metrics.ts';
import { createRoomStore, type RoomStore } from '../lib/room-store.ts';
import { encodeCursor } from './cursor.ts';
import { decodeRoomCursor, encodeRoomCursor } from './room-cursor.ts';
import { HistoryEnvSchema } from './env.ts';
import { createMessageReader, type MessageReader } from './message-reader.ts';
import { type MessagesQuery, parseMessagesQuery } from './messages-query.ts';
import { createGapFillUpdatesReader, type GapFillUpdatesReader } from './gap-fill-updates.ts';

export type { HttpEvent };
export type History = HttpHandler;

export interface HistoryDeps {
  rooms: RoomStore;
  messages: MessageReader;
  updates: GapFillUpdatesReader;
  logger: Logger;
  metrics: MetricsSink;
}

/** Lambda entry point behind the read-only HTTP API routes (rooms list, a room, scrollback, gap fill; payload 2.0). */
export function createHistoryHandler(env: Record<string, string | undefined>): History {
  const config = readEnv(HistoryEnvSchema, env);
  const client = createDocumentClient(readEnv(AwsRuntimeEnvSchema, env));
  return createHistory({
    rooms: createRoomStore(client, config.TABLE_NAME),
    messages: createMessageReader(client, config.TABLE_NAME),
    updates: createGapFillUpdatesReader(client, config.TABLE_NAME),
    logger: createLogger({ serviceName: config.POWERTOOLS_SERVICE_NAME ?? 'history', logLevel: config.POWERTOOLS_LOG_LEVEL }),
    metrics: metricsFromEnv(config, 'history'),
  });
}

export function createHistory(deps: HistoryDeps): History {
  return httpHandler(deps, (request) => route(deps, request));
}

async function route(deps: HistoryDeps, event: HttpEvent): Promise<HttpResult> {
  switch (event.routeKey) {
    case 'GET /rooms':
      return json(200, await listRooms(deps, event.queryStringParameters?.cursor));
    case 'GET /rooms/{roomId}':
      return json(200, await readRoom(deps, event.pathParameters?.roomId));
    case 'GET /rooms/{roomId}/messages': {
      const query = parseMessagesQuery(event.pathParameters?.roomId, event.queryStringParameters);
      const page = await readMessages(deps, query);
      deps.metrics.count(query.direction === 'after' ? 'GapFillPagesServed' : 'HistoryPagesServed', 1);
      return json(200, page);
    }
    default:
      throw new NotFoundError(`No route ${event.routeKey}`);
  }
}

/**
 * A page of rooms in id order. Paged so that no answer nears Lambda's 6 MB response limit however
 * many rooms there are (`ROOM_PAGE_SIZE` in core/history-api.ts has the bound).
 */
async function listRooms(deps: HistoryDeps, cursor: string | undefined): Promise<RoomList> {
  const page = await deps.rooms.page(cursor === undefined ? undefined : decodeRoomCursor(cursor), ROOM_PAGE_SIZE);
  const last = page.items.at(-1);
  return page.hasMore && last ? { items: page.items, nextCursor: encodeRoomCursor(last.id) } : { items: page.items };
}

/**
 * One room, archived or not (0.5 RCU): how the app learns the name and the read-only state of a
 * room opened by its link, which the room list leaves out once it is archived.
 */
async function readRoom(deps: HistoryDeps, roomId: string | undefined): Promise<Room> {
  if (!isValidRoomId(roomId)) throw new BadRequestError('Invalid room id');
  deps.logger.appendKeys({ roomId });
  const room = await deps.rooms.get(roomId);
  if (!room) throw new NotFoundError(`Room ${roomId} not found`);
  return room;
}

/** Beyond this many older messages changed during one outage, a gap fill tells the client to reload instead. */
export const MAX_GAP_FILL_UPDATES = 100;

async function readMessages(deps: HistoryDeps, query: MessagesQuery): Promise<MessagePage | GapFillPage> {
  deps.logger.appendKeys({ roomId: query.roomId });
  const [page, updates] =
    query.direction === 'after'
      ? await Promise.all([
          deps.messages.after(query.roomId, query.afterId, query.limit),
          deps.updates(query.roomId, query.afterId, MAX_GAP_FILL_UPDATES),
        ])
      : [await deps.messages.before(query.roomId, query.beforeId, query.limit), null];
  // persist-messages stores messages in existing rooms only, and rooms are never deleted, so a
  // non-empty page proves the room exists: only an empty page pays for the lookup (0.5 RCU).
  if (page.items.length === 0 && !(await deps.rooms.get(query.roomId))) {
    throw new NotFoundError(`Room ${query.roomId} not found`);
  }
  // A gap fill also carries the current state of older messages moderated, or first broadcast by
  // a late retry, after `after` (gap-fill-updates.ts); omitted when there is none, the usual case.
  const extras = {
    ...(updates && updates.items.length > 0 ? { updates: updates.items } : {}),
    ...(updates?.truncated ? { updatesTruncated: true } : {}),
  };
  const last = page.items.at(-1);
  if (!page.hasMore || !last) return { items: page.items, ...extras };
  // `after` continues from a plain id (call again with after=<nextCursor>); `before` from an opaque cursor.
  return { items: page.items, nextCursor: query.direction === 'after' ? last.id : encodeCursor(query.roomId, last.id), ...extras };
}

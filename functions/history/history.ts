import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isValidRoomId, roomKindOfId } from '../../core/channels.ts';
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
import { decodeRoomCursor, encodeRoomCursor, type RoomListPosition } from './room-cursor.ts';
import { HistoryEnvSchema } from './env.ts';
import { readJwtCaller } from '../lib/jwt-claims.ts';
import { createMyRooms, type MyRooms } from './my-rooms.ts';
import { createMessageReader, type MessageReader } from './message-reader.ts';
import { type MessagesQuery, parseMessagesQuery } from './messages-query.ts';
import { createGapFillUpdatesReader, type GapFillUpdatesReader } from './gap-fill-updates.ts';
import { createOverlayStore, type OverlayStore } from '../lib/overlay-store.ts';
import { overlaidHistoryItem } from '../lib/overlay-item.ts';
import { withOverlaysEach } from './overlays-view.ts';
import { whoReacted } from './who-reacted.ts';

export type { HttpEvent };
export type History = HttpHandler;

export interface HistoryDeps {
  rooms: RoomStore;
  /** The caller's private rooms and DMs, and the membership check of their doors. */
  mine: MyRooms;
  messages: MessageReader;
  updates: GapFillUpdatesReader;
  /** The overlays of messages a gap fill's updates name, and who reacted to one. */
  overlays: OverlayStore;
  logger: Logger;
  metrics: MetricsSink;
}

/** Lambda entry point behind the read-only HTTP API routes (rooms list, a room, scrollback, gap fill; payload 2.0). */
export function createHistoryHandler(env: Record<string, string | undefined>): History {
  const config = readEnv(HistoryEnvSchema, env);
  const client = createDocumentClient(readEnv(AwsRuntimeEnvSchema, env));
  return createHistory({
    ...createHistoryStores(client, config.TABLE_NAME),
    logger: createLogger({ serviceName: config.POWERTOOLS_SERVICE_NAME ?? 'history', logLevel: config.POWERTOOLS_LOG_LEVEL }),
    metrics: metricsFromEnv(config, 'history'),
  });
}

/** The table's readers the history Lambda needs (the deps but the logger and metrics). */
export function createHistoryStores(client: DynamoDBDocumentClient, tableName: string): Omit<HistoryDeps, 'logger' | 'metrics'> {
  const overlays = createOverlayStore(client, tableName);
  return {
    rooms: createRoomStore(client, tableName),
    mine: createMyRooms(client, tableName),
    messages: createMessageReader(client, tableName),
    updates: createGapFillUpdatesReader(client, tableName, overlays),
    overlays,
  };
}

export function createHistory(deps: HistoryDeps): History {
  return httpHandler(deps, (request) => route(deps, request));
}

async function route(deps: HistoryDeps, event: HttpEvent): Promise<HttpResult> {
  const { sub } = readJwtCaller(event);
  switch (event.routeKey) {
    case 'GET /rooms':
      return json(200, await listRooms(deps, sub, event.queryStringParameters?.cursor));
    case 'GET /rooms/{roomId}':
      return json(200, await readRoom(deps, sub, event.pathParameters?.roomId));
    case 'GET /rooms/{roomId}/messages': {
      const query = parseMessagesQuery(event.pathParameters?.roomId, event.queryStringParameters);
      const page = await readMessages(deps, sub, query);
      deps.metrics.count(query.direction === 'after' ? 'GapFillPagesServed' : 'HistoryPagesServed', 1);
      return json(200, page);
    }
    case 'GET /rooms/{roomId}/messages/{messageId}/reactions': {
      const roomId = event.pathParameters?.roomId;
      if (isValidRoomId(roomId) && !(await isMember(deps, sub, roomId))) throw roomNotFound(roomId);
      return json(200, await whoReacted(deps.overlays, deps.mine, roomId, event.pathParameters?.messageId));
    }
    default:
      throw new NotFoundError(`No route ${event.routeKey}`);
  }
}

/**
 * A page of rooms: first the caller's private rooms and DMs (with their epochs, and a DM's peer),
 * then the public rooms, each in id order. Paged so that no answer nears Lambda's 6 MB response
 * limit however many rooms there are (`ROOM_PAGE_SIZE` in core/history-api.ts has the bound); a
 * page that ends with the caller's last room continues with the public ones. Moderators see what
 * members see: they review other private rooms through the moderation API, which audits it.
 */
async function listRooms(deps: HistoryDeps, sub: string | undefined, cursor: string | undefined): Promise<RoomList> {
  const position: RoomListPosition = cursor === undefined ? { phase: 'mine' } : decodeRoomCursor(cursor);
  const items: Room[] = [];
  let publicAfter = position.after;
  if (position.phase === 'mine') {
    publicAfter = undefined;
    if (sub !== undefined) {
      const mine = await deps.mine.page(sub, position.after, ROOM_PAGE_SIZE);
      items.push(...mine.items);
      if (mine.hasMore && mine.lastRead !== undefined) return { items, nextCursor: encodeRoomCursor({ phase: 'mine', after: mine.lastRead }) };
    }
    if (items.length >= ROOM_PAGE_SIZE) return { items, nextCursor: encodeRoomCursor({ phase: 'public' }) };
  }
  const page = await deps.rooms.page(publicAfter, ROOM_PAGE_SIZE - items.length);
  items.push(...page.items);
  const last = page.items.at(-1);
  return page.hasMore && last ? { items, nextCursor: encodeRoomCursor({ phase: 'public', after: last.id }) } : { items };
}

/** What a non-member learns of a private room or DM: exactly what a room that does not exist gives. */
function roomNotFound(roomId: string): NotFoundError {
  return new NotFoundError(`Room ${roomId} not found`);
}

/**
 * One room, archived or not (0.5 RCU): how the app learns the name and the read-only state of a
 * room opened by its link, which the room list leaves out once it is archived. A private room or
 * DM answers its members only (the membership GetItem, 0.5 RCU, beside the room's), with its
 * epoch read strongly consistent (1 RCU): members re-read it after a `member.removed`, and must
 * get the epoch that removal rotated to. A DM also names the other person (+0.5 RCU).
 */
async function readRoom(deps: HistoryDeps, sub: string | undefined, roomId: string | undefined): Promise<Room> {
  if (!isValidRoomId(roomId)) throw new BadRequestError('Invalid room id');
  deps.logger.appendKeys({ roomId });
  if (roomKindOfId(roomId) === 'public') {
    const room = await deps.rooms.get(roomId);
    if (!room) throw roomNotFound(roomId);
    return room;
  }
  const [room, member] = await Promise.all([
    deps.rooms.get(roomId, { consistent: true, withEpoch: true }),
    sub === undefined ? null : deps.mine.membership(roomId, sub),
  ]);
  if (!room || !member) throw roomNotFound(roomId);
  const peer = member.peerSub === undefined ? null : await deps.mine.peer(member.peerSub);
  return peer === null ? room : { ...room, peer };
}

/** Beyond this many older messages changed during one outage, a gap fill tells the client to reload instead. */
export const MAX_GAP_FILL_UPDATES = 100;

/**
 * A page of history or a gap fill. For a private room or DM, the caller's membership is read
 * beside the page (one GetItem, 0.5 RCU) and a non-member gets the 404 of a room that does not
 * exist, whatever the room holds.
 */
async function readMessages(deps: HistoryDeps, sub: string | undefined, query: MessagesQuery): Promise<MessagePage | GapFillPage> {
  deps.logger.appendKeys({ roomId: query.roomId });
  const [[page, updates], member] = await Promise.all([readPage(deps, query), isMember(deps, sub, query.roomId)]);
  if (!member) throw roomNotFound(query.roomId);
  // persist-messages stores messages in existing rooms only, and rooms are never deleted, so a
  // non-empty page proves the room exists: only an empty page pays for the lookup (0.5 RCU).
  if (page.items.length === 0 && !(await deps.rooms.get(query.roomId))) {
    throw roomNotFound(query.roomId);
  }
  // A gap fill also carries the current state of older messages moderated, changed by their
  // author or reacted to, or first broadcast by a late retry, after `after` (gap-fill-updates.ts);
  // omitted when there is none, the usual case. Edits, deletes and reactions (with `mine` for the
  // caller) come from the overlays read with the page, and with the updates; an update whose
  // overlay was not read (a message moderated or announced late) gets it looked up (0.5 RCU).
  const items = page.items.map((item) => overlaidHistoryItem(item, page.overlays.get(item.id), sub));
  const updated = updates && updates.items.length > 0 ? await withOverlaysEach(deps.overlays, query.roomId, updates.items, updates.overlays, sub) : [];
  const extras = {
    ...(updated.length > 0 ? { updates: updated } : {}),
    ...(updates?.truncated ? { updatesTruncated: true } : {}),
  };
  const last = items.at(-1);
  if (!page.hasMore || !last) return { items, ...extras };
  // `after` continues from a plain id (call again with after=<nextCursor>); `before` from an opaque cursor.
  return { items, nextCursor: query.direction === 'after' ? last.id : encodeCursor(query.roomId, last.id), ...extras };
}

/** Public rooms: anyone signed in; a private room or DM: its members (one GetItem, 0.5 RCU). */
function isMember(deps: HistoryDeps, sub: string | undefined, roomId: string): Promise<boolean> {
  if (roomKindOfId(roomId) === 'public') return Promise.resolve(true);
  return sub === undefined ? Promise.resolve(false) : deps.mine.membership(roomId, sub).then((m) => m !== null);
}

async function readPage(deps: HistoryDeps, query: MessagesQuery) {
  if (query.direction === 'before') return [await deps.messages.before(query.roomId, query.beforeId, query.limit), null] as const;
  const window = { roomId: query.roomId, afterId: query.afterId, ...(query.changesFrom === undefined ? {} : { changesFrom: query.changesFrom }) };
  return await Promise.all([deps.messages.after(query.roomId, query.afterId, query.limit), deps.updates(window, MAX_GAP_FILL_UPDATES)]);
}

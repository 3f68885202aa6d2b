import { NO_PROFILE } from '../../core/author.ts';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../lib/dynamo-client.ts';
import { AwsRuntimeEnvSchema, readEnv } from '../lib/env.ts';
import { BadRequestError, ForbiddenError, MutedError } from '../lib/errors.ts';
import { type HttpHandler, httpHandler } from '../lib/http-handler.ts';
import { json, readJsonBody } from '../lib/http-response.ts';
import { readJwtCaller } from '../lib/jwt-claims.ts';
import { createLogger, type Logger } from '../lib/logger.ts';
import { metricsFromEnv, type MetricsSink } from '../lib/metrics.ts';
import { createMuteReader, type MuteReader } from '../lib/mute-reader.ts';
import { createRateLimiter, parseRateLimit, type RateLimiter } from '../lib/rate-limiter.ts';
import { newEpoch, newPrivateRoomId } from '../lib/room-codes.ts';
import { createRoomMembers, type RoomMembers } from '../lib/room-members.ts';
import { parseRoomName } from '../lib/room-name.ts';
import { createRoomRegistry, type RoomRegistry } from '../lib/room-registry.ts';
import { CreateRoomEnvSchema, DEFAULT_ROOM_LIMIT } from './env.ts';
import { roomLimitError } from './room-limit.ts';

export type CreateRoom = HttpHandler;

export interface CreateRoomDeps {
  rooms: RoomRegistry;
  /** Private rooms: the room, its epoch and its owner's membership. */
  privateRooms: RoomMembers;
  /** A fresh private room id and epoch (random: lib/room-codes.ts). */
  newPrivateRoomId: () => string;
  newEpoch: () => string;
  /** New rooms per member (`ROOM_LIMIT`), counted on its own `ROOMS#` counter items. */
  roomLimiter: RateLimiter;
  mutes: MuteReader;
  logger: Logger;
  metrics: MetricsSink;
  clock: () => number;
}

/**
 * `POST /rooms {name, kind?}`: creates the room named and returns it, 201. A public room (the
 * default) has the sanitized name's slug as its id, and the same name again, or any name that
 * looks like it (a shared look-alike key, or the same slug), returns that room as it is, 200. A
 * private room (`kind: 'private'`) gets a fresh random `p-` id, an epoch, and the creator as its
 * owner, every time: private rooms with one name are separate rooms, and no look-alike rule
 * applies to names only their members see. Kept in its own function so `history` stays read-only.
 */
export function createCreateRoomHandler(env: Record<string, string | undefined>): CreateRoom {
  const config = readEnv(CreateRoomEnvSchema, env);
  const client = createDocumentClient(readEnv(AwsRuntimeEnvSchema, env));
  return createCreateRoom({
    rooms: createRoomRegistry(client, config.TABLE_NAME),
    ...privateRoomDeps(client, config.TABLE_NAME),
    roomLimiter: createRateLimiter(client, config.TABLE_NAME, parseRateLimit(config.ROOM_LIMIT ?? DEFAULT_ROOM_LIMIT), 'ROOMS'),
    mutes: createMuteReader(client, config.TABLE_NAME),
    logger: createLogger({ serviceName: config.POWERTOOLS_SERVICE_NAME ?? 'create-room', logLevel: config.POWERTOOLS_LOG_LEVEL }),
    metrics: metricsFromEnv(config, 'create-room'),
    clock: Date.now,
  });
}

/** What private rooms need: their store and fresh random ids and epochs. */
export function privateRoomDeps(client: DynamoDBDocumentClient, tableName: string): Pick<CreateRoomDeps, 'privateRooms' | 'newPrivateRoomId' | 'newEpoch'> {
  return { privateRooms: createRoomMembers(client, tableName), newPrivateRoomId: () => newPrivateRoomId(), newEpoch: () => newEpoch() };
}

/**
 * In order: the name (NFKC, then the name rules; 400 with the rule it breaks). The room it belongs
 * to: the room with its id and the items of its look-alike keys, read strongly consistent side by
 * side (1 RCU each): an existing room is returned as it is, and neither the limit nor a mute
 * applies, since nothing is created. Then, for a new room, the member's mute (1 GetItem) and
 * new-room count (1 UpdateItem), side by side as persist-messages runs them; then one transaction
 * puts the room and its key items, each only if absent. Two concurrent first creations of one
 * name, or of two look-alikes, both count, and one of them gets the other's room.
 */
export function createCreateRoom(deps: CreateRoomDeps): CreateRoom {
  const { rooms, roomLimiter, mutes, logger, metrics, clock } = deps;
  return httpHandler(deps, async (request) => {
    const body = readJsonBody(request);
    const kind = readKind(body);
    const parsed = parseRoomName(body);
    const { name } = parsed;
    const id = kind === 'private' ? deps.newPrivateRoomId() : parsed.id;
    const { sub, profile } = readJwtCaller(request);
    logger.appendKeys({ roomId: id, callerSub: sub });
    // The HTTP API's authorizer always passes a sub; without one, neither limit nor mute could apply.
    if (sub === undefined) throw new ForbiddenError('A room needs a signed-in creator');
    // The owner's membership carries their names, from the token as everywhere.
    if (kind === 'private' && profile === null) throw new ForbiddenError(`A private room needs its owner's profile: ${NO_PROFILE}`);
    if (kind === 'public') {
      const existing = await rooms.find(id, name);
      if (existing) return json(200, existing);
    }

    const now = clock();
    const [mute, { allowed }] = await Promise.all([mutes.status(sub, now), roomLimiter.admit(sub, 1, now)]);
    if (mute.until !== undefined) {
      metrics.count('RoomsRefusedMuted', 1);
      // 403 MUTED, as a muted member's publishes fail: a moderator's decision about the member,
      // which asking again sooner or later does not change until it ends. 429 would tell the
      // client to slow down and retry after Retry-After, which is not what happened.
      throw new MutedError(`You are muted until ${mute.until} and cannot create rooms until then`, mute.until);
    }
    if (allowed < 1 && roomLimiter.limit !== 'off') {
      metrics.count('RoomsRateLimited', 1);
      throw roomLimitError(roomLimiter.limit, now);
    }
    const at = new Date(now).toISOString();
    if (kind === 'private' && profile !== null) {
      const owner = { roomId: id, sub, handle: profile.handle, displayName: profile.displayName, role: 'owner' as const, addedAt: at, addedBy: sub };
      const { room } = await deps.privateRooms.create({ id, name, epoch: deps.newEpoch(), createdBy: sub, now: at, members: [owner] });
      metrics.count('RoomsCreated', 1);
      return json(201, room.room);
    }
    const { room, created } = await rooms.create({ id, name, createdBy: sub, now: at });
    if (created) metrics.count('RoomsCreated', 1);
    return json(created ? 201 : 200, room);
  });
}

/** `kind` of the body: `public` when absent; 400 for anything but `public` or `private` (DMs are `POST /dms`). */
function readKind(body: unknown): 'public' | 'private' {
  const kind = typeof body === 'object' && body !== null && 'kind' in body ? body.kind : undefined;
  if (kind === undefined || kind === 'public') return 'public';
  if (kind === 'private') return 'private';
  throw new BadRequestError("kind must be 'public' or 'private' (a direct message is POST /dms)", { field: 'kind' });
}

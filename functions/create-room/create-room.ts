import { createDocumentClient } from '../lib/dynamo-client.ts';
import { AwsRuntimeEnvSchema, readEnv } from '../lib/env.ts';
import { type HttpHandler, httpHandler } from '../lib/http-handler.ts';
import { json, readJsonBody } from '../lib/http-response.ts';
import { readJwtCaller } from '../lib/jwt-claims.ts';
import { createLogger, type Logger } from '../lib/logger.ts';
import { metricsFromEnv, type MetricsSink } from '../lib/metrics.ts';
import { createRoomStore, type RoomStore } from '../lib/room-store.ts';
import { CreateRoomEnvSchema } from './env.ts';
import { parseRoomName } from './room-slug.ts';

export type CreateRoom = HttpHandler;

export interface CreateRoomDeps {
  rooms: RoomStore;
  logger: Logger;
  metrics: MetricsSink;
  clock: () => number;
}

/**
 * `POST /rooms {name}`: creates the room named (its id is the name's slug) and returns it, 201;
 * the same name again returns the same room, 200. The only write behind the HTTP API, kept in
 * its own function so `history` stays read-only.
 */
export function createCreateRoomHandler(env: Record<string, string | undefined>): CreateRoom {
  const config = readEnv(CreateRoomEnvSchema, env);
  const client = createDocumentClient(readEnv(AwsRuntimeEnvSchema, env));
  return createCreateRoom({
    rooms: createRoomStore(client, config.TABLE_NAME),
    logger: createLogger({ serviceName: config.POWERTOOLS_SERVICE_NAME ?? 'create-room', logLevel: config.POWERTOOLS_LOG_LEVEL }),
    metrics: metricsFromEnv(config, 'create-room'),
    clock: Date.now,
  });
}

export function createCreateRoom(deps: CreateRoomDeps): CreateRoom {
  return httpHandler(deps, async (request) => {
    const { id, name } = parseRoomName(readJsonBody(request));
    deps.logger.appendKeys({ roomId: id });
    const { room, created } = await deps.rooms.create({
      id,
      name,
      createdBy: readJwtCaller(request).sub,
      now: new Date(deps.clock()).toISOString(),
    });
    if (created) deps.metrics.count('RoomsCreated', 1);
    return json(created ? 201 : 200, room);
  });
}

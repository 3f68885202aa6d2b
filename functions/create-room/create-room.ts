import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { createDocumentClient } from '../lib/dynamo-client.ts';
import { AwsRuntimeEnvSchema, readEnv } from '../lib/env.ts';
import { type HttpResult, json, readJsonBody, toErrorResponse } from '../lib/http-response.ts';
import { readJwtCaller } from '../lib/jwt-claims.ts';
import { createLogger, type Logger } from '../lib/logger.ts';
import { metricsFromEnv, type MetricsSink } from '../lib/metrics.ts';
import { createRoomStore, type RoomStore } from '../lib/room-store.ts';
import { CreateRoomEnvSchema } from './env.ts';
import { parseRoomName } from './room-slug.ts';

/** Takes `unknown` like every function's handler; API Gateway (payload 2.0) is the only caller. */
export type CreateRoom = (event: unknown, context?: Context) => Promise<HttpResult>;

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
  const { logger } = deps;
  return async (event, context) => {
    logger.resetKeys();
    if (context) logger.addContext(context);
    const request = event as APIGatewayProxyEventV2WithJWTAuthorizer;
    try {
      const { id, name } = parseRoomName(readJsonBody(request));
      logger.appendKeys({ roomId: id });
      const { room, created } = await deps.rooms.create({
        id,
        name,
        createdBy: readJwtCaller(request).sub,
        now: new Date(deps.clock()).toISOString(),
      });
      if (created) deps.metrics.count('RoomsCreated', 1);
      return json(created ? 201 : 200, room);
    } catch (error) {
      return toErrorResponse(error, logger);
    } finally {
      deps.metrics.flush();
    }
  };
}

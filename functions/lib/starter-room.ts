import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { STARTER_ROOM_ID, STARTER_ROOM_NAME } from '../../core/rooms.ts';
import type { Logger } from './logger.ts';

/**
 * Makes sure the public starter room exists, as `POST /rooms` would create it (the room and its
 * look-alike keys in one transaction, nothing written when it exists: `room-registry.ts`). Run by
 * pre-token-generation after an account's first sign-in, so the room exists before any member can
 * land in it, on AWS and in the local cloud alike, with no step of its own in either deployment.
 * The registry (with Unicode's confusables table) is loaded only then, not on every token issue.
 * A failure is logged, never thrown: a sign-in must not fail for the starter room.
 */
export function starterRoomEnsurer(client: DynamoDBDocumentClient, tableName: string, logger: Logger): () => Promise<void> {
  return async () => {
    try {
      const { createRoomRegistry } = await import('./room-registry.ts');
      await createRoomRegistry(client, tableName).create({ id: STARTER_ROOM_ID, name: STARTER_ROOM_NAME, now: new Date().toISOString() });
    } catch (error) {
      logger.error('could not create the starter room', { error: error as Error });
    }
  };
}

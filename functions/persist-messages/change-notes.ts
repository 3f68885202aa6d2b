import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { LATE_ANNOUNCEMENT_TTL_S, lateAnnouncementPk } from '../lib/audit-keys.ts';

export interface ChangeNotes {
  /**
   * A note for the gap fill (pattern 5a): message `messageId` changed at `noteId` (a fresh,
   * time-ordered id), in the room's `LATE#` partition beside late announcements. 1 WRU, no index.
   */
  note(roomId: string, messageId: string, noteId: string, at: string): Promise<void>;
}

export function createChangeNotes(client: DynamoDBDocumentClient, tableName: string): ChangeNotes {
  return {
    async note(roomId, messageId, noteId, at) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { pk: lateAnnouncementPk(roomId), sk: noteId, messageId, expiresAt: Math.ceil(Date.parse(at) / 1000) + LATE_ANNOUNCEMENT_TTL_S },
        }),
      );
    },
  };
}

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ReportEntry, ReportResolution, ReportStatus } from '../../core/reports.ts';
import { NotFoundError } from '../lib/errors.ts';
import { fromMessageItem, MESSAGE_ORDER_INDEX } from '../lib/message-item.ts';
import { fromQueueItem, type QueueRecord, REPORTER_SK_PREFIX, reportPk, reportQueueKey, reportQueuePk } from '../lib/report-items.ts';
import { storedModerator } from '../lib/stored-people.ts';
import { readTimeline } from '../lib/timeline-query.ts';
import { type StoredMessage, toStoredMessage } from './moderation-records.ts';

/** The moderators' side of reports (amplify/data/README.md, "Reports"); `reports` writes them. */
export interface ReportQueueStore {
  /**
   * One page of the queue in a status, after `afterId` (its gsi1 sort key): open oldest first,
   * resolved newest first. `more` says a next page exists.
   */
  page(status: ReportStatus, afterId: string | undefined, limit: number): Promise<{ records: (QueueRecord & { sortId: string })[]; more: boolean }>;
  /** Up to `max` of a message's reports (who and why). */
  reporters(roomId: string, messageId: string, max: number): Promise<ReportEntry[]>;
  /**
   * Up to `count` messages before `messageId` in its room, oldest first, as moderation sees them
   * (their overlays come in the same Query: lib/timeline-query.ts).
   */
  context(roomId: string, messageId: string, count: number): Promise<StoredMessage[]>;
  /** A message's queue item, strongly consistent, or null when nobody reported it. */
  get(roomId: string, messageId: string): Promise<QueueRecord | null>;
  /** Resolves an open report; a resolved one is returned as it is (`changed: false`). */
  resolve(roomId: string, messageId: string, resolution: ReportResolution): Promise<{ record: QueueRecord; changed: boolean }>;
}

export function createReportQueueStore(client: DynamoDBDocumentClient, tableName: string): ReportQueueStore {

  async function get(roomId: string, messageId: string): Promise<QueueRecord | null> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: reportQueueKey(roomId, messageId), ConsistentRead: true }));
    return Item ? fromQueueItem(Item) : null;
  }

  return {
    async page(status, afterId, limit) {
      const open = status === 'open';
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: MESSAGE_ORDER_INDEX,
          KeyConditionExpression: afterId === undefined ? 'gsi1pk = :pk' : `gsi1pk = :pk AND gsi1sk ${open ? '>' : '<'} :after`,
          ExpressionAttributeValues: { ':pk': reportQueuePk(status), ...(afterId === undefined ? {} : { ':after': afterId }) },
          ScanIndexForward: open,
          Limit: limit + 1,
        }),
      );
      const records = Items.slice(0, limit).map((item) => ({ ...fromQueueItem(item), sortId: item.gsi1sk as string }));
      return { records, more: Items.length > limit };
    },

    async reporters(roomId, messageId, max) {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :by)',
          ExpressionAttributeValues: { ':pk': reportPk(roomId, messageId), ':by': REPORTER_SK_PREFIX },
          Limit: max,
        }),
      );
      return Items.map((item) => ({ reporter: storedModerator(item.reporter), reason: item.reason as string, at: item.at as string }));
    },

    async context(roomId, messageId, count) {
      const read = await readTimeline(client, tableName, roomId, { condition: '<', id: messageId }, true, count);
      return read.messages.map((item) => toStoredMessage(item, read.overlays.get(fromMessageItem(item).id))).reverse();
    },

    get,

    async resolve(roomId, messageId, resolution) {
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: reportQueueKey(roomId, messageId),
            UpdateExpression: 'SET #status = :resolved, resolution = :resolution, gsi1pk = :pk, gsi1sk = :sk',
            ConditionExpression: 'attribute_exists(pk) AND #status = :open',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':resolved': 'resolved',
              ':open': 'open',
              ':resolution': JSON.parse(JSON.stringify(resolution)) as ReportResolution,
              ':pk': reportQueuePk('resolved'),
              ':sk': resolution.auditId,
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return { record: fromQueueItem(Attributes!), changed: true };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const record = await get(roomId, messageId);
        if (!record) throw new NotFoundError(`Report ${roomId}.${messageId} not found`);
        return { record, changed: false };
      }
    },
  };
}

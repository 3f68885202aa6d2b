import { type DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ChatMessage } from '../../core/messages.ts';
import type { Moderator } from '../../core/moderation.ts';
import { type Report, reportIdOf } from '../../core/reports.ts';
import { ConsistencyError } from '../lib/errors.ts';
import { fromMessageItem, isRemovedItem, MESSAGE_ORDER_INDEX, roomTimelinePk, timelineSk } from '../lib/message-item.ts';
import { reporterKey, reportQueueKey, reportQueuePk, toReporterItem } from '../lib/report-items.ts';
import { cancellationOf, isConflictOnly, TRANSACTION_ATTEMPTS } from '../lib/transactions.ts';

export interface NewReport {
  roomId: string;
  messageId: string;
  reporter: Moderator;
  reason: string;
  at: string;
  /** A fresh time-ordered id: the queue position if this is the message's first report. */
  queueId: string;
}

export interface ReportStore {
  /** A message of the room that members can see (stored and not removed), or null. */
  visibleMessage(roomId: string, messageId: string): Promise<ChatMessage | null>;
  /** Records the report once per member; `created` is false when they had reported it already. */
  report(request: NewReport): Promise<{ report: Report; created: boolean }>;
}

export function createReportStore(client: DynamoDBDocumentClient, tableName: string): ReportStore {
  async function existing(roomId: string, messageId: string, sub: string): Promise<Report> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: reporterKey(roomId, messageId, sub), ConsistentRead: true }));
    if (!Item) throw new ConsistencyError(`The report of ${messageId} by ${sub} was refused as a repeat but is not stored`);
    return { reportId: reportIdOf(roomId, messageId), roomId, messageId, reason: Item.reason as string, at: Item.at as string };
  }

  return {
    async visibleMessage(roomId, messageId) {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: MESSAGE_ORDER_INDEX,
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk = :sk',
          ExpressionAttributeValues: { ':pk': roomTimelinePk(roomId), ':sk': timelineSk(messageId) },
        }),
      );
      const item = Items[0];
      return item === undefined || isRemovedItem(item) ? null : fromMessageItem(item);
    },

    async report({ roomId, messageId, reporter, reason, at, queueId }) {
      // The reporter's item and the queue item in one transaction: the member's report is counted
      // exactly when it is recorded. A dismissed report that someone reports anew opens again, in
      // its first place in the queue (`firstId`).
      const input = {
        TransactItems: [
          { Put: { TableName: tableName, Item: toReporterItem(roomId, messageId, reporter, reason, at), ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Update: {
              TableName: tableName,
              Key: reportQueueKey(roomId, messageId),
              UpdateExpression:
                'SET #type = :type, roomId = :roomId, messageId = :messageId, createdAt = if_not_exists(createdAt, :at), ' +
                'firstId = if_not_exists(firstId, :queueId), gsi1sk = if_not_exists(firstId, :queueId), gsi1pk = :open, #status = :openStatus, ' +
                'lastReportedAt = :at REMOVE resolution ADD #count :one',
              ExpressionAttributeNames: { '#type': 'type', '#status': 'status', '#count': 'count' },
              ExpressionAttributeValues: {
                ':type': 'report',
                ':roomId': roomId,
                ':messageId': messageId,
                ':at': at,
                ':queueId': queueId,
                ':open': reportQueuePk('open'),
                ':openStatus': 'open',
                ':one': 1,
              },
            },
          },
        ],
      };
      for (let attempt = 1; ; attempt += 1) {
        try {
          await client.send(new TransactWriteCommand(input));
          return { report: { reportId: reportIdOf(roomId, messageId), roomId, messageId, reason, at }, created: true };
        } catch (error) {
          const cancellation = cancellationOf(error);
          if (cancellation === null) throw error;
          if (cancellation.codes[0] === 'ConditionalCheckFailed') return { report: await existing(roomId, messageId, reporter.sub), created: false };
          if (!isConflictOnly(cancellation) || attempt >= TRANSACTION_ATTEMPTS) throw error;
        }
      }
    },
  };
}

import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MentionEvent } from '../../core/mention-notice.ts';
import { toMentionItem } from '../lib/mention-item.ts';

/** Largest BatchWriteItem DynamoDB accepts. */
const BATCH_SIZE = 25;
/** Tries per chunk: DynamoDB may hand back part of a batch (throttling) for another go. */
const ATTEMPTS = 3;

export interface StoredMention {
  sub: string;
  /** A mention, or the withdrawal of one whose message its author deleted. */
  event: MentionEvent;
}

/** Each mentioned member's list of mentions (`GET /me/mentions`), written beside the notices and withdrawals. */
export interface MentionStore {
  /** How many were not stored; rejects only when DynamoDB does. */
  store(mentions: readonly StoredMention[], nowMs: number): Promise<number>;
}

/**
 * BatchWriteItem, 25 items a call, the calls side by side: 1 WRU per item (< 1 KB, no
 * index keys). Items DynamoDB leaves unprocessed are sent again, up to `ATTEMPTS` times in all;
 * whatever is still left is returned as a count. A put of an item already stored overwrites it
 * with the same fields, so a repeated write is harmless.
 */
export function createMentionStore(client: DynamoDBDocumentClient, tableName: string): MentionStore {
  async function writeChunk(requests: Record<string, unknown>[]): Promise<number> {
    let pending = requests;
    for (let attempt = 0; attempt < ATTEMPTS && pending.length > 0; attempt += 1) {
      const { UnprocessedItems } = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (UnprocessedItems?.[tableName] ?? []) as Record<string, unknown>[];
    }
    return pending.length;
  }

  return {
    async store(mentions, nowMs) {
      const requests = mentions.map(({ sub, event }) => ({ PutRequest: { Item: toMentionItem(sub, event, nowMs) } }));
      const chunks = Array.from({ length: Math.ceil(requests.length / BATCH_SIZE) }, (_, i) => requests.slice(i * BATCH_SIZE, (i + 1) * BATCH_SIZE));
      const left = await Promise.all(chunks.map(writeChunk));
      return left.reduce((sum, n) => sum + n, 0);
    },
  };
}

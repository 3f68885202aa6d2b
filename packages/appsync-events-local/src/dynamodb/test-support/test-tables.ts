/** A single-table design (keys `pk`/`sk`, two overloaded indexes, a TTL attribute), as the DynamoDB tests create it. */
import type { TableDefinition } from '../../template/backend-model.ts';

export const tables: TableDefinition[] = [
  {
    name: 'parley',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    globalSecondaryIndexes: [
      { name: 'gsi1', partitionKey: { name: 'gsi1pk', type: 'S' }, sortKey: { name: 'gsi1sk', type: 'S' }, projection: 'ALL' },
      { name: 'gsi2', partitionKey: { name: 'gsi2pk', type: 'S' }, sortKey: { name: 'gsi2sk', type: 'S' }, projection: 'ALL' },
    ],
    timeToLiveAttribute: 'expiresAt',
  },
];

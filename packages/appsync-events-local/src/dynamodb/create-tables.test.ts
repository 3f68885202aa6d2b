import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tables } from './test-support/test-tables.ts';
import { ensureTables } from './create-tables.ts';

let server: Server;
let client: DynamoDBClient;

beforeAll(async () => {
  // A table that stays CREATING for a while, as DynamoDB's do: the first write must wait for it.
  server = dynalite({ createTableMs: 400 });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  client = new DynamoDBClient({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});

afterAll(async () => {
  client?.destroy();
  await new Promise((resolve) => server?.close(resolve));
});

it('returns only once every new table takes writes', async () => {
  await ensureTables(client, tables, (name) => name);

  const documents = DynamoDBDocumentClient.from(client);
  for (const table of tables) {
    await expect(documents.send(new PutCommand({ TableName: table.name, Item: { [table.partitionKey.name]: 'P', [table.sortKey.name]: table.sortKey.type === 'N' ? 1 : 'S' } }))).resolves.toBeDefined();
  }
});

it('leaves existing tables as they are on a second call', async () => {
  await expect(ensureTables(client, tables, (name) => name)).resolves.toBeUndefined();
});

/**
 * The writer of `dynalite-crash.test.ts`: `table-writer.ts <dataDir> <tag>` serves dynalite on
 * `dataDir` with the app's tables, prints READY, then writes until it is killed. Each worker,
 * one write at a time: puts items with index keys (gsi2 sparse), moves an earlier item to
 * another gsi1 partition while changing its text (which its gsi2 entry carries too), deletes
 * another. It prints BEGIN and ACK lines around each write (`kill-writer.ts`).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tables } from './test-tables.ts';
import { ensureTables } from '../create-tables.ts';
import { startDynamoServer } from '../dynamo-server.ts';

export const TABLE = 'parley';
export const GSI1_PARTITIONS = ['ROOM#a', 'ROOM#b', 'ROOM#c'];
export const GSI2_PARTITIONS = ['AUTHOR#x', 'AUTHOR#y'];
const WORKERS = 12;

async function main(dataDir: string, tag: string): Promise<void> {
  const server = await startDynamoServer({ dataDir, log: (line) => process.stderr.write(`${line}\n`) });
  const client = new DynamoDBClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTables(client, tables, (name) => name);
  const documents = DynamoDBDocumentClient.from(client);
  process.stdout.write('READY\n');
  await Promise.all(Array.from({ length: WORKERS }, (_, worker) => write(documents, `${tag}-${worker}`)));
}

async function write(documents: DynamoDBDocumentClient, writer: string): Promise<never> {
  for (let n = 0; ; n += 1) {
    const key = (k: number) => ({ pk: `WRITER#${writer}`, sk: `ITEM#${String(k).padStart(6, '0')}` });
    if (n % 4 === 2) {
      const target = key(n - 1);
      const moved = { ...target, gsi1pk: GSI1_PARTITIONS[(n + 1) % GSI1_PARTITIONS.length], text: `moved at ${n}` };
      begin(target);
      const { Attributes } = await documents.send(
        new UpdateCommand({
          TableName: TABLE,
          Key: target,
          UpdateExpression: 'SET gsi1pk = :p, #text = :t',
          ExpressionAttributeNames: { '#text': 'text' },
          ExpressionAttributeValues: { ':p': moved.gsi1pk, ':t': moved.text },
          ReturnValues: 'ALL_NEW',
        }),
      );
      ack(target, Attributes ?? null);
    } else if (n % 4 === 3) {
      const target = key(n - 3);
      begin(target);
      await documents.send(new DeleteCommand({ TableName: TABLE, Key: target }));
      ack(target, null);
    } else {
      const item = {
        ...key(n),
        gsi1pk: GSI1_PARTITIONS[n % GSI1_PARTITIONS.length],
        gsi1sk: `${writer}#${n}`,
        ...(n % 8 === 1 ? { gsi2pk: GSI2_PARTITIONS[n % GSI2_PARTITIONS.length], gsi2sk: `${writer}#${n}` } : {}),
        text: 'x'.repeat(200 + (n % 50)),
      };
      begin(key(n));
      await documents.send(new PutCommand({ TableName: TABLE, Item: item }));
      ack(key(n), item);
    }
  }
}

function begin(key: Record<string, string>): void {
  process.stdout.write(`BEGIN ${JSON.stringify({ key })}\n`);
}

function ack(key: Record<string, string>, item: Record<string, unknown> | null): void {
  process.stdout.write(`ACK ${JSON.stringify({ key, item })}\n`);
}

if (process.argv[1] === import.meta.filename) {
  main(process.argv[2]!, process.argv[3]!).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}

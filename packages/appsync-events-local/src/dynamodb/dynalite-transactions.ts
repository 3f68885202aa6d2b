/**
 * `TransactWriteItems` for dynalite, which has no transactions. The local cloud runs the same
 * Lambda code as AWS, and the profile store claims names in one transaction, so the embedded
 * server must answer it as DynamoDB does: every condition checked against the items as they are,
 * all writes or none, and a `TransactionCanceledException` whose `CancellationReasons` say which
 * item failed (`ConditionalCheckFailed` or `None`, in request order).
 *
 * How: the transaction holds the request gate alone (no other request runs meanwhile), reads each
 * item, checks each condition with a write that changes nothing (the item put back as it is, or a
 * delete of an absent item), journals the before-images, then applies the writes without their
 * conditions. Its own calls reach dynalite through the same server with a per-start secret header
 * that passes the gate. DynamoDB Local has transactions of its own and does not use this.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DynamoAnswer as Answer, DYNAMO_JSON_TYPE as JSON_TYPE, DYNAMO_TARGET_PREFIX as TARGET_PREFIX, httpDynamoWire } from './dynamo-wire.ts';
import { createRequestGate } from './request-gate.ts';
import type { BeforeImage, TransactionJournal } from './transaction-journal.ts';
import { checkTransactItems, type TransactOperation } from './transact-items.ts';

const PASS_HEADER = 'x-appsync-events-local-transaction';

export interface DynaliteTransactions {
  /** Routes a request: TransactWriteItems here, a transaction's own calls straight on, the rest through the gate. */
  route(req: IncomingMessage, res: ServerResponse, pass: () => void): void;
  /** Undoes a transaction a crash interrupted. Call once the server listens, before serving. */
  recover(): Promise<void>;
  /** Drops the kept-alive connections of its own calls, so the server can close. */
  close(): void;
}

export function createDynaliteTransactions(endpoint: () => string, journal: TransactionJournal): DynaliteTransactions {
  const gate = createRequestGate();
  const secret = randomBytes(16).toString('hex');
  const wire = httpDynamoWire(endpoint, { [PASS_HEADER]: secret });
  const keySchemas = new Map<string, string[]>();
  const call = wire.call;

  async function keyNames(table: string): Promise<string[] | Answer> {
    const known = keySchemas.get(table);
    if (known) return known;
    const described = await call('DescribeTable', { TableName: table });
    if (described.status !== 200) return described;
    const schema = (described.body.Table as { KeySchema: { AttributeName: string }[] }).KeySchema.map((key) => key.AttributeName);
    keySchemas.set(table, schema);
    return schema;
  }

  /** Writes each before-image back: the item as it was, or no item. */
  async function restore(images: BeforeImage[]): Promise<void> {
    for (const image of [...images].reverse()) {
      const answer = image.item
        ? await call('PutItem', { TableName: image.table, Item: image.item })
        : await call('DeleteItem', { TableName: image.table, Key: image.key });
      if (answer.status !== 200) throw new Error(`Could not roll back a transaction on ${image.table}: ${JSON.stringify(answer.body)}`);
    }
  }

  async function transact(operations: TransactOperation[]): Promise<Answer> {
    const images: BeforeImage[] = [];
    const seen = new Set<string>();
    for (const operation of operations) {
      const names = await keyNames(operation.table);
      if (!Array.isArray(names)) return names;
      const key = operation.key(names);
      const id = JSON.stringify([operation.table, ...names.map((name) => key[name])]);
      if (seen.has(id)) return validation('Transaction request cannot include multiple operations on one item');
      seen.add(id);
      const read = await call('GetItem', { TableName: operation.table, Key: key, ConsistentRead: true });
      if (read.status !== 200) return read;
      images.push({ table: operation.table, key, item: read.body.Item as Record<string, unknown> | undefined });
    }
    const reasons: Record<string, unknown>[] = [];
    for (const [index, operation] of operations.entries()) {
      const image = images[index]!;
      const check = operation.condition();
      if (check === undefined) {
        reasons.push({ Code: 'None' });
        continue;
      }
      const probe = image.item
        ? await call('PutItem', { TableName: image.table, Item: image.item, ...check })
        : await call('DeleteItem', { TableName: image.table, Key: image.key, ...check });
      if (probe.status === 200) reasons.push({ Code: 'None' });
      else if (String(probe.body.__type).endsWith('#ConditionalCheckFailedException')) {
        const item = operation.returnOldOnFailure && image.item ? { Item: image.item } : {};
        reasons.push({ Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', ...item });
      } else return probe;
    }
    if (reasons.some((reason) => reason.Code !== 'None')) {
      return {
        status: 400,
        body: {
          __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
          Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
          CancellationReasons: reasons,
        },
      };
    }
    await journal.begin(images);
    for (const [index, operation] of operations.entries()) {
      const write = operation.write();
      if (write === undefined) continue;
      const answer = await call(write.operation, write.input);
      if (answer.status !== 200) {
        await restore(images.slice(0, index));
        await journal.end();
        return answer;
      }
    }
    await journal.end();
    return { status: 200, body: {} };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch {
      return send(res, { status: 400, body: { __type: 'com.amazon.coral.service#SerializationException' } });
    }
    const checked = checkTransactItems(input);
    if (typeof checked === 'string') return send(res, validation(checked));
    send(res, await gate.exclusive(() => transact(checked)));
  }

  return {
    route(req, res, pass) {
      if (req.headers[PASS_HEADER] === secret) return pass();
      if (req.headers['x-amz-target'] === `${TARGET_PREFIX}TransactWriteItems`) {
        handle(req, res).catch((error: unknown) =>
          send(res, { status: 500, body: { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: String(error) } }),
        );
        return;
      }
      gate.shared((done) => {
        res.on('close', done);
        pass();
      });
    },

    async recover() {
      const images = await journal.pending();
      if (images === undefined) return;
      await restore(images);
      await journal.end();
    },

    close() {
      wire.close();
    },
  };
}

function validation(message: string): Answer {
  return { status: 400, body: { __type: 'com.amazon.coral.validate#ValidationException', message } };
}

function send(res: ServerResponse, answer: Answer): void {
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, { 'content-type': JSON_TYPE, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

async function readBody(stream: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

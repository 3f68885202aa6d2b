/**
 * `npm run bench:history`: history page latency and DynamoDB units, on DynamoDB Local (which,
 * unlike dynalite, counts index writes as DynamoDB does).
 *
 * - Latency of `GET /rooms/{roomId}/messages?limit=50` through the real history handler
 *   (`createHistory` with its real room store and message reader): the first page vs page 200 of
 *   a room of 100,000 messages, and the first page of a room of 1,000 vs one of 100,000.
 *   Samples are interleaved, so all three see the same machine state. Target: ≤ 1.3× both.
 * - Write units per stored message, from the real writer (`functions/persist-messages/
 *   message-writer.ts`, which asks for `ReturnConsumedCapacity: TOTAL`), over every seeded message.
 * - Read units per 50-message page, captured from the handler's own DynamoDB calls by a middleware
 *   that adds `ReturnConsumedCapacity: TOTAL` and records what comes back.
 *
 * Rooms are seeded straight through the writer (the persist Lambda's storage step), skipping the
 * Event API, so seeding 101,000 messages takes about a minute instead of many.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { tables } from '../amplify/definition.ts';
import type { Author, ChatMessage } from '../core/messages.ts';
import { createHistory, createHistoryStores, type History, type HttpEvent } from '../functions/history/history.ts';
import { createDocumentClient } from '../functions/lib/dynamo-client.ts';
import { dynamoItemSize } from '../functions/lib/item-size.ts';
import { createLogger } from '../functions/lib/logger.ts';
import { createMessageIdGenerator } from '../functions/lib/message-id.ts';
import { toMessageItem } from '../functions/lib/message-item.ts';
import { createRoomStore } from '../functions/lib/room-store.ts';
import { createMessageWriter } from '../functions/persist-messages/message-writer.ts';
import { ensureTables, startDynamoServer } from 'appsync-events-local';
import { httpEvent } from '../tests/support/http-event.ts';
import { appendReport } from './lib/report.ts';
import { median, percentile } from './lib/stats.ts';

const TABLE = 'parley';
const BIG = 100_000;
const SMALL = 1_000;
const PAGE = 50;
const DEEP_PAGE = 200;
const ROUNDS = 5;
const SAMPLES_PER_ROUND = 40;
const SEED_CONCURRENCY = 48;
const TEXT = 'A typical chat line of about a hundred characters, give or take a few words here and there. 🙂';

interface Units {
  reads: number[];
}

/** Records the consumed capacity of every call the client makes (and asks for it). */
function instrument(client: DynamoDBDocumentClient, units: Units): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } }).ConsumedCapacity;
      units.reads.push(consumed?.CapacityUnits ?? 0);
      return result;
    },
    { step: 'initialize', name: 'recordConsumedCapacity' },
  );
}

async function seedRoom(db: DynamoDBDocumentClient, roomId: string, count: number, writeUnits: number[]): Promise<number> {
  const rooms = createRoomStore(db, TABLE);
  await rooms.create({ id: roomId, name: roomId, now: new Date().toISOString() });
  const writer = createMessageWriter(db, TABLE);
  const nextId = createMessageIdGenerator(randomBytes);
  const authors: Author[] = Array.from({ length: 20 }, (_, i) => ({ sub: randomUUID(), handle: `user_${i}`, displayName: `User ${i}`, moderator: false }));
  const start = Date.now() - count;
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next;
      next += 1;
      const at = start + i;
      const message: ChatMessage = {
        id: nextId(at),
        roomId,
        text: TEXT,
        author: authors[i % authors.length]!,
        createdAt: new Date(at).toISOString(),
        clientMsgId: randomUUID(),
      };
      const outcome = await writer.writeOnce(message);
      writeUnits.push(outcome.consumedWriteUnits);
    }
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, lane));
  return (performance.now() - started) / 1000;
}

function pageRequest(roomId: string, before?: string): HttpEvent {
  return httpEvent('GET /rooms/{roomId}/messages', {
    path: { roomId },
    query: { limit: String(PAGE), ...(before ? { before } : {}) },
    claims: { sub: 'bench' },
  });
}

async function getPage(history: History, roomId: string, before?: string): Promise<{ items: ChatMessage[]; nextCursor?: string }> {
  const result = await history(pageRequest(roomId, before));
  if (result.statusCode !== 200) throw new Error(`HTTP ${result.statusCode}: ${result.body}`);
  return JSON.parse(result.body ?? '{}') as { items: ChatMessage[]; nextCursor?: string };
}

/** The cursor that fetches page `page` (1-based), walked through the API as a client would. */
async function cursorForPage(history: History, roomId: string, page: number): Promise<string> {
  let cursor: string | undefined;
  for (let i = 1; i < page; i += 1) {
    cursor = (await getPage(history, roomId, cursor)).nextCursor;
    if (!cursor) throw new Error(`room ${roomId} has fewer than ${page} pages`);
  }
  return cursor!;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function main(): Promise<void> {
  const server = await startDynamoServer({ engine: 'dynamodb-local' });
  try {
    const env = {
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_DYNAMODB: server.endpoint,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    };
    const admin = new DynamoDBClient({ region: env.AWS_REGION, endpoint: server.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await ensureTables(admin, tables, (name) => name);
    admin.destroy();

    const seedClient = createDocumentClient(env);
    const writeUnits: number[] = [];
    const bigSeconds = await seedRoom(seedClient, 'big', BIG, writeUnits);
    const smallSeconds = await seedRoom(seedClient, 'small', SMALL, writeUnits);
    seedClient.destroy();
    console.log(`seeded ${BIG} messages in ${bigSeconds.toFixed(1)} s and ${SMALL} in ${smallSeconds.toFixed(1)} s`);

    const readClient = createDocumentClient(env);
    const units: Units = { reads: [] };
    instrument(readClient, units);
    const history = createHistory({
      ...createHistoryStores(readClient, TABLE),
      logger: createLogger({ serviceName: 'bench-history', logLevel: 'SILENT' }),
      metrics: { count: () => {}, countByCode: () => {}, flush: () => {} },
    });

    const deepCursor = await cursorForPage(history, 'big', DEEP_PAGE);
    const deepPage = await getPage(history, 'big', deepCursor);
    if (deepPage.items.length !== PAGE) throw new Error('page 200 is not full');

    units.reads.length = 0;
    await getPage(history, 'big');
    const readUnitsPerPage = units.reads.reduce((sum, u) => sum + u, 0);
    const readUnitsPerCall = [...units.reads];
    // As DynamoDB sizes an index entry (projection ALL: the whole item), averaged over a page.
    const itemBytes = Math.round(deepPage.items.reduce((sum, m) => sum + dynamoItemSize(toMessageItem(m)), 0) / deepPage.items.length);

    const cases = [
      { name: `first page, room of ${BIG.toLocaleString('en')}`, run: () => getPage(history, 'big'), samples: [] as number[] },
      { name: `page ${DEEP_PAGE}, room of ${BIG.toLocaleString('en')}`, run: () => getPage(history, 'big', deepCursor), samples: [] as number[] },
      { name: `first page, room of ${SMALL.toLocaleString('en')}`, run: () => getPage(history, 'small'), samples: [] as number[] },
    ];
    const roundMedians: number[][] = cases.map(() => []);
    for (let warm = 0; warm < 20; warm += 1) for (const c of cases) await c.run();
    for (let round = 0; round < ROUNDS; round += 1) {
      const roundSamples: number[][] = cases.map(() => []);
      for (let i = 0; i < SAMPLES_PER_ROUND; i += 1) {
        for (const [index, c] of cases.entries()) roundSamples[index]!.push(await timed(c.run));
      }
      roundSamples.forEach((samples, index) => {
        cases[index]!.samples.push(...samples);
        roundMedians[index]!.push(median(samples));
      });
    }
    readClient.destroy();

    const [first, deep, small] = cases as [(typeof cases)[0], (typeof cases)[0], (typeof cases)[0]];
    const deepRatio = median(deep.samples) / median(first.samples);
    const sizeRatio = median(first.samples) / median(small.samples);
    const rows = cases.map(
      (c, index) =>
        `| ${c.name} | ${median(c.samples).toFixed(2)} | ${percentile(c.samples, 90).toFixed(2)} | ${roundMedians[index]!.map((m) => m.toFixed(2)).join(', ')} |`,
    );
    const body = [
      `Engine: DynamoDB Local (Java), in-process history handler, \`limit=${PAGE}\`, before-cursors (key conditions on the id, no offsets). ` +
        `${ROUNDS} rounds × ${SAMPLES_PER_ROUND} interleaved samples per case, after 20 warm-up rounds.`,
      '',
      '| case | median ms | p90 ms | per-round medians (ms) |',
      '|---|---|---|---|',
      ...rows,
      '',
      `- page ${DEEP_PAGE} / first page (room of ${BIG.toLocaleString('en')}): **${deepRatio.toFixed(2)}×** (target ≤ 1.3×)`,
      `- first page, room of ${BIG.toLocaleString('en')} / room of ${SMALL.toLocaleString('en')}: **${sizeRatio.toFixed(2)}×** (target ≤ 1.3×)`,
      `- write units per stored message (${writeUnits.length.toLocaleString('en')} writes, ~${Buffer.byteLength(TEXT)} B of text): ` +
        `median **${median(writeUnits)}**, max ${Math.max(...writeUnits)} (table 1 + gsi1 1; target ≤ 1, see amplify/data/README.md)`,
      `- read units per ${PAGE}-message page: **${readUnitsPerPage}** (${readUnitsPerCall.length} DynamoDB call(s): ${readUnitsPerCall.join(' + ')}; ` +
        `the gsi1 Query reads ${PAGE + 1} index entries of ~${itemBytes} B as DynamoDB sizes them, ~${((PAGE + 1) * itemBytes / 1024).toFixed(1)} KB, ` +
        `billed 0.5 per 4 KB; target ≤ 2)`,
      `- seeding through the writer: ${BIG.toLocaleString('en')} messages in ${bigSeconds.toFixed(1)} s (${SEED_CONCURRENCY} in flight)`,
    ].join('\n');
    console.log(body);
    await appendReport('bench:history', 'npm run bench:history', body);
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

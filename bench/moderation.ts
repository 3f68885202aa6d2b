/**
 * `npm run bench:moderation`: the moderation queries over 100,000 messages in 20 rooms, on
 * DynamoDB Local (which reports consumed capacity as DynamoDB does, index reads included). The
 * messages are stored through the real `persist-messages` writer; the queries run the real
 * moderation search code. For each filter: latency (p50/p95 over repeated runs, loopback, so it
 * measures the code and DynamoDB Local, not a network) and read capacity units per request, as
 * DynamoDB reports them for every call the request makes (room list and name lookups included).
 * Last, a flood of empty rooms (10,306 rooms in all) and the default search again.
 * Appends the results to BENCHMARKS.md.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { tables } from '../amplify/definition.ts';
import type { Author, ChatMessage } from '../core/messages.ts';
import { searchAudit } from '../functions/moderation/audit-search.ts';
import { buildExport } from '../functions/moderation/export.ts';
import type { MessageFilters } from '../functions/moderation/filters.ts';
import { searchMessages } from '../functions/moderation/message-search.ts';
import { createModerationStore, createReadMeter, type ReadMeter } from '../functions/moderation/moderation-store.ts';
import { createRoomReadAudit } from '../functions/moderation/moderator-reads.ts';
import { createAuthorDirectory } from '../functions/lib/author-directory.ts';
import { createHandleLookup } from '../functions/lib/handle-lookup.ts';
import { createDocumentClient } from '../functions/lib/dynamo-client.ts';
import { createMessageIdGenerator } from '../functions/lib/message-id.ts';
import { createRoomStore } from '../functions/lib/room-store.ts';
import { createMessageWriter } from '../functions/persist-messages/message-writer.ts';
import { ensureTables, startDynamoServer } from 'appsync-events-local';
import { appendReport } from './lib/report.ts';
import { percentile } from './lib/stats.ts';

const MESSAGES = 100_000;
const ROOMS = 20;
const AUTHORS = 200;
const REMOVED = 300;
const RUNS = 15;
/** Empty rooms added after the other queries, to the room count one member once reached by flooding (10,306 in all). */
const FLOOD_ROOMS = 10_306 - ROOMS;
const DAYS = 30;
const START = Date.UTC(2025, 0, 1);
const TABLE = tables[0]!.name;
const WORDS = ['hello', 'deploy', 'lunch', 'meeting', 'ship', 'review', 'coffee', 'friday', 'bug', 'release', 'docs', 'thanks'];

interface Row {
  query: string;
  p50: number;
  p95: number;
  rcu: number;
  itemsRead: number;
  returned: number;
  note: string;
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const server = await startDynamoServer({ engine: 'dynamodb-local' });
  const env = { AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_DYNAMODB: server.endpoint, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' };
  const admin = new DynamoDBClient({ region: env.AWS_REGION, endpoint: server.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    await ensureTables(admin, tables, (name) => name);
    const db = createDocumentClient(env);
    // Every call asks for its consumed capacity, and the total per request is summed here.
    const capacity = { units: 0 };
    db.middlewareStack.add(
      (next) => async (args) => {
        (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
        const result = await next(args);
        const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
        for (const entry of [consumed ?? []].flat()) capacity.units += entry.CapacityUnits ?? 0;
        return result;
      },
      { step: 'initialize', name: 'sumConsumedCapacity' },
    );
    const store = createModerationStore(db, TABLE);
    const rooms = createRoomStore(db, TABLE);
    const authors = createAuthorDirectory(db, TABLE);
    const deps = { store, rooms, authors, handles: createHandleLookup(db, TABLE), clock: Date.now };
    // The benchmark's rooms are public: no read of them is audited, so this writes nothing.
    const reads = createRoomReadAudit({ store, clock: Date.now, nextId: createMessageIdGenerator(randomBytes) }, { sub: 'bench', handle: 'bench', displayName: 'Bench' });

    const seeded = await seed(db, rooms, authors);
    const nextAuditId = createMessageIdGenerator(randomBytes);
    const removed = seeded.filter((_, i) => i % Math.floor(MESSAGES / REMOVED) === 7).slice(0, REMOVED);
    const moderator = { sub: 'bench-mod', handle: 'bench_mod', displayName: 'Bench Mod' };
    for (const message of removed) {
      const target = (await store.find(message.roomId, message.id))!;
      const at = Date.now();
      const action = { action: 'message.removed' as const, auditId: nextAuditId(at), at: new Date(at).toISOString(), by: moderator, reason: 'bench' };
      await store.apply(target, action);
      await store.putAudit({ id: action.auditId, at: action.at, action: action.action, roomId: message.roomId, messageId: message.id, messageAuthor: message.author, moderator, reason: 'bench' });
    }

    const day = (n: number) => new Date(START + n * 86_400_000).toISOString();
    const scenarios: [string, MessageFilters, string][] = [
      ['room, newest 50', { roomId: 'room-3' }, ''],
      ['room + one day', { roomId: 'room-3', from: day(10), to: day(11) }, ''],
      ['all rooms, newest 50', {}, 'fan-out: one Query per room, merged'],
      ['author (display name), all rooms', { author: 'user 42' }, 'the author partition in windows of the read budget'],
      ['author + room', { author: 'user 42', roomId: 'room-3' }, 'begins_with(sk, MSG#room#)'],
      ['status = removed', { status: 'removed' }, `sparse gsi2, ${REMOVED} removed`],
      ['status = removed + room', { status: 'removed', roomId: 'room-3' }, 'gsi2, room checked after'],
      ['status = visible + room', { status: 'visible', roomId: 'room-3' }, ''],
      ['text, common word, room', { q: 'coffee', roomId: 'room-3' }, ''],
      ['text, rare word, room (1 page)', { q: 'needle', roomId: 'room-3' }, 'one request = one budget page'],
      ['text, rare word, all rooms (1 page)', { q: 'needle' }, 'one request = one budget page'],
      ['combined: room + author + day + text', { roomId: 'room-3', author: 'user 42', from: day(0), to: day(29), q: 'e' }, ''],
    ];
    const rows: Row[] = [];
    const measure = async (name: string, note: string, run: (meter: ReadMeter) => Promise<{ returned: number; truncated?: boolean }>) => {
      const times: number[] = [];
      let last = { rcu: 0, itemsRead: 0, returned: 0, truncated: false as boolean | undefined };
      for (let i = 0; i < RUNS; i += 1) {
        const meter = createReadMeter();
        capacity.units = 0;
        const started = performance.now();
        const outcome = await run(meter);
        times.push(performance.now() - started);
        last = { rcu: capacity.units, itemsRead: meter.itemsRead, returned: outcome.returned, truncated: outcome.truncated };
      }
      rows.push({
        query: name,
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        rcu: last.rcu,
        itemsRead: last.itemsRead,
        returned: last.returned,
        note: [note, last.truncated ? 'truncated (budget)' : ''].filter(Boolean).join('; '),
      });
      console.log(name, rows.at(-1));
    };
    for (const [name, filters, note] of scenarios) {
      await measure(name, note, async (meter) => {
        const page = await searchMessages(deps, filters, { limit: 50 }, meter, reads);
        return { returned: page.items.length, truncated: page.truncated };
      });
    }
    await measure('text, rare word, whole room (all pages)', 'follows nextCursor to the end', async (meter) => {
      let cursor: string | undefined;
      let returned = 0;
      do {
        const page = await searchMessages(deps, { q: 'needle', roomId: 'room-3' }, { limit: 50, ...(cursor ? { cursor } : {}) }, meter, reads);
        returned += page.items.length;
        cursor = page.nextCursor;
      } while (cursor);
      return { returned };
    });
    await measure('audit, all rooms, newest 50', 'gsi1 AUDIT', async (meter) => {
      const page = await searchAudit(deps, {}, { limit: 50 }, meter);
      return { returned: page.items.length };
    });
    await measure('audit, one room', 'table AUDIT#<room>', async (meter) => {
      const page = await searchAudit(deps, { roomId: 'room-3' }, { limit: 50 }, meter);
      return { returned: page.items.length };
    });
    await measure('export, one room (CSV)', 'pages of 100, until the caps', async (meter) => {
      const filters = { roomId: 'room-3' };
      const result = await buildExport({
        kind: 'messages', format: 'csv', filters, meter, now: new Date(),
        page: (page, m, budget) => searchMessages(deps, filters, page, m, reads, budget),
      });
      return { returned: (result.body ?? '').split('\r\n').length - 2, truncated: result.headers?.['x-parley-export-truncated'] === 'true' };
    });

    // A room flood: the default search (no filter) must not slow with rooms nobody wrote in. Measured
    // after the same query above, in the same run, on the same table.
    const flooded = new Date(START).toISOString();
    for (let r = 0; r < FLOOD_ROOMS; r += 1) await rooms.create({ id: `flood-${r}`, name: `Flood ${r}`, now: flooded });
    await measure(`all rooms, newest 50, after ${FLOOD_ROOMS.toLocaleString('en')} empty rooms`, 'the room list read in full, no empty room Queried', async (meter) => {
      const page = await searchMessages(deps, {}, { limit: 50 }, meter, reads);
      return { returned: page.items.length };
    });

    const table = [
      '| query | p50 ms | p95 ms | RCU / request | items read | returned | notes |',
      '|---|---:|---:|---:|---:|---:|---|',
      ...rows.map((r) => `| ${r.query} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.rcu.toFixed(1)} | ${r.itemsRead} | ${r.returned} | ${r.note} |`),
    ].join('\n');
    const body = [
      `${MESSAGES.toLocaleString('en')} messages (~90–130 B of text each) in ${ROOMS} rooms by ${AUTHORS} authors over ${DAYS} days, ` +
        `${REMOVED} removed, written through the persist-messages writer into DynamoDB Local. ${RUNS} runs per query, page size 50, ` +
        `text-match budget 1,000 items per request. RCU as DynamoDB Local reports it (eventually consistent reads, indexes included). ` +
        `Last, ${FLOOD_ROOMS.toLocaleString('en')} empty rooms are created through the room registry (${(FLOOD_ROOMS + ROOMS).toLocaleString('en')} rooms in all) and the default search runs again.`,
      '',
      table,
    ].join('\n');
    console.log(`\n${body}`);
    await appendReport('Moderation queries', 'npm run bench:moderation', body);
    db.destroy();
  } finally {
    admin.destroy();
    await server.close();
  }
}

async function seed(
  db: ReturnType<typeof createDocumentClient>,
  rooms: ReturnType<typeof createRoomStore>,
  authors: ReturnType<typeof createAuthorDirectory>,
): Promise<ChatMessage[]> {
  const writer = createMessageWriter(db, TABLE);
  const nextId = createMessageIdGenerator(randomBytes);
  const people: Author[] = Array.from({ length: AUTHORS }, (_, i) => ({ sub: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, handle: `user_${i}`, displayName: `User ${i}`, moderator: false }));
  for (let r = 0; r < ROOMS; r += 1) await rooms.create({ id: `room-${r}`, name: `Room ${r}`, now: new Date(START).toISOString() });
  for (const person of people) await authors.record(person, new Date(START).toISOString());
  const span = DAYS * 86_400_000;
  const messages: ChatMessage[] = Array.from({ length: MESSAGES }, (_, i) => {
    const at = START + Math.floor((i / MESSAGES) * span);
    const words = Array.from({ length: 14 }, (_, w) => WORDS[(i * 7 + w * 3) % WORDS.length]).join(' ');
    return {
      id: nextId(at),
      roomId: `room-${i % ROOMS}`,
      text: i % 2_000 === 3 ? `found the needle ${words}` : `${words} #${i}`,
      // Every author writes in every room (i % ROOMS picks the room, i / ROOMS varies the author).
      author: people[(Math.floor(i / ROOMS) * 31 + i) % AUTHORS]!,
      createdAt: new Date(at).toISOString(),
      clientMsgId: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
    };
  });
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < messages.length) {
      const message = messages[next]!;
      next += 1;
      await writer.writeOnce(message);
    }
  };
  await Promise.all(Array.from({ length: 64 }, lane));
  // The writer is persist-messages' storage step; the room's last message time is its other write.
  for (let r = 0; r < ROOMS; r += 1) {
    const last = messages.filter((m) => m.roomId === `room-${r}`).at(-1);
    if (last) await rooms.touch(last.roomId, last.createdAt);
  }
  console.log(`seeded ${MESSAGES} messages in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return messages;
}

await main();

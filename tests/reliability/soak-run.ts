/**
 * The load and fault runs: many real aws-amplify clients across rooms, each sending a
 * mix of `events.post` and `channel.publish`, optionally while connections are dropped, the
 * persist Lambda fails and the local cloud is killed and restarted. Shared by
 * `tests/reliability/*.test.ts` (small sizes) and `npm run soak` (full size).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ChatMessage } from '../../core/messages.ts';
import { timelineEntries } from '../../core/timeline.ts';
import { tables } from '../../amplify/definition.ts';
import { fromMessageItem, messageKey } from '../../functions/lib/message-item.ts';
import { ADMIN_TOKEN_HEADER } from 'appsync-events-local';
import { LOAD_USER_PASSWORD } from '../../local/demo-users.ts';
import { percentile } from '../../bench/lib/stats.ts';
import type { CloudProcess } from '../support/cloud-process.ts';
import { type HistoryPage, PAGE_LIMIT, type RoomView, type SendRecord, type SoakClient, startSoakClient } from './soak-client.ts';

export interface SoakFaults {
  /** Fraction of clients whose connection is dropped once, before a random one of their messages. */
  dropFraction: number;
  /** `failRate` of the persist-messages Lambda. */
  failRate: number;
  /** Kill (SIGKILL) and restart the cloud once this fraction of all messages is acknowledged; omit for no restart. */
  restartAtFraction?: number;
}

export interface SoakPhaseOptions {
  name: string;
  rooms: number;
  messagesPerClient: number;
  faults?: SoakFaults;
  seed: number;
  /** Per message: how long its sender keeps retrying. */
  sendDeadlineMs: number;
  /** After the last send: how long subscribers get to converge. */
  convergeTimeoutMs: number;
  log?: (line: string) => void;
}

export interface SoakFigures {
  phase: string;
  clients: number;
  rooms: number;
  messagesPerClient: number;
  sent: number;
  sentViaPost: number;
  sentViaPublish: number;
  acknowledged: number;
  gaveUp: number;
  /** History items over all rooms, and how many distinct clientMsgIds they hold. */
  stored: number;
  storedDistinct: number;
  /** Acknowledged but absent from history (must be 0). */
  acknowledgedLost: number;
  /** clientMsgIds stored more than once, as table items (must be 0). */
  storedTwice: number;
  /**
   * History entries whose table item does not exist (must be 0): a room-index (GSI) entry written
   * by a store that the SIGKILL interrupted before its item (dynalite writes the index first).
   * The cloud repairs these when it starts after an unclean stop (packages/appsync-events-local/src/dynamodb/crash-recovery.ts);
   * one left over would show in history next to the retry's real message.
   */
  orphanIndexEntries: number;
  /** Stored messages no sender saw acknowledged (a send that gave up after storing). */
  storedUnacknowledged: number;
  /** Per-event failures the server reported, and how many of them were "not stored". */
  reportedFailures: number;
  notStoredFailures: number;
  /** Messages that failed at least once and were then stored by a retry with the same clientMsgId. */
  retriedThenStored: number;
  sendErrors: number;
  subscribers: number;
  /** Summed over subscribers, against their room's stored history. */
  missing: number;
  doubled: number;
  /** Deliveries of an id not in the stored history (must be 0). */
  unstoredDeliveries: number;
  /** The same stored message delivered twice to one subscriber (an idempotent retry's re-broadcast). */
  duplicateDeliveries: number;
  /** Subscribers whose merged timeline equals the room's history exactly (ids, order, content). */
  converged: number;
  unconfirmedSends: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencySamples: number;
  dropsRequested: number;
  connectionsDropped: number;
  reconnects: number;
  gapFills: number;
  /** Gap fills whose anchor live messages had overtaken before the fill began (see RoomView.anchorOvertaken). */
  anchorOvertaken: number;
  /** The first few subscribers that did not converge: what they miss, around what anchor. */
  unconvergedDetail: string[];
  restartDownMs: number | null;
  cloudPeakRssMiB: number;
  durationS: number;
  acknowledgedPerSecond: number;
}

/** Signs in `count` load users (`--load-users`), one real Amplify realm each. */
export async function startSoakClients(cloud: CloudProcess, count: number): Promise<SoakClient[]> {
  const users = (cloud.outputs.custom.local?.users ?? []).filter((u) => u.username.startsWith('load-'));
  if (users.length < count) throw new Error(`the cloud has ${users.length} load users; start it with --load-users ${count}`);
  const clients: SoakClient[] = [];
  for (let i = 0; i < count; i += 25) {
    const batch = users.slice(i, Math.min(count, i + 25));
    clients.push(...(await Promise.all(batch.map((u, j) => startSoakClient(cloud.outputs, i + j, u.username, LOAD_USER_PASSWORD)))));
  }
  return clients;
}

export async function runSoakPhase(cloud: CloudProcess, clients: SoakClient[], options: SoakPhaseOptions): Promise<SoakFigures> {
  const log = options.log ?? (() => undefined);
  const random = mulberry32(options.seed);
  const started = performance.now();
  const faultsUrl = `${cloud.eventsOrigin}/_local/faults`;
  const applyFaults = async () => {
    if (options.faults) await postJson(cloud, faultsUrl, { lambda: { name: 'persist-messages', fault: { failRate: options.faults.failRate } } });
  };

  const roomIds: string[] = [];
  for (let r = 0; r < options.rooms; r += 1) {
    const room = (await clients[0]!.amplify.api('POST', '/rooms', { name: `${options.name} ${randomUUID().slice(0, 8)} ${r}` })) as { id: string };
    roomIds.push(room.id);
  }
  const views: RoomView[] = [];
  for (let i = 0; i < clients.length; i += 50) {
    views.push(...(await Promise.all(clients.slice(i, i + 50).map((c) => c.join(roomIds[c.index % options.rooms]!)))));
  }
  log(`${options.name}: ${clients.length} clients joined ${options.rooms} rooms`);
  await applyFaults();

  const total = clients.length * options.messagesPerClient;
  const dropPlan = new Map<number, number>();
  const dropCount = Math.round(clients.length * (options.faults?.dropFraction ?? 0));
  for (const index of shuffled(clients.map((c) => c.index), random).slice(0, dropCount)) {
    dropPlan.set(index, 1 + Math.floor(random() * (options.messagesPerClient - 1)));
  }
  let acknowledged = 0;
  let connectionsDropped = 0;
  let cloudUp: Promise<unknown> = Promise.resolve();
  let restart: Promise<{ downMs: number }> | null = null;
  const restartAt = options.faults?.restartAtFraction === undefined ? Infinity : Math.ceil(total * options.faults.restartAtFraction);
  const sends: SendRecord[] = [];
  const sendStart = performance.now();

  await Promise.all(
    clients.map(async (client, i) => {
      const room = views[i]!;
      for (let m = 0; m < options.messagesPerClient; m += 1) {
        if (dropPlan.get(client.index) === m) {
          await cloudUp;
          const reply = (await postJson(cloud, faultsUrl, { dropConnections: { sub: client.sub } })) as { dropped: number };
          connectionsDropped += reply.dropped;
        }
        const via = (client.index + m) % 2 === 0 ? 'post' : 'publish';
        const sent = await client.send(room, `${options.name} c${client.index} m${m} 👋`, via, options.sendDeadlineMs);
        sends.push(sent);
        if (sent.acknowledged) acknowledged += 1;
        if (acknowledged >= restartAt && restart === null) {
          log(`${options.name}: killing the cloud after ${acknowledged} acknowledged messages`);
          restart = cloud.crashAndRestart();
          cloudUp = restart.then(applyFaults);
        }
      }
    }),
  );
  const restartResult: { downMs: number } | null = restart === null ? null : await (restart as Promise<{ downMs: number }>);
  await cloudUp;
  const sendSeconds = (performance.now() - sendStart) / 1000;
  log(`${options.name}: ${sends.length} sends done in ${sendSeconds.toFixed(1)} s; reading history`);
  if (options.faults) await postJson(cloud, faultsUrl, { clear: true });

  const listed = new Map<string, ChatMessage[]>();
  for (const roomId of roomIds) listed.set(roomId, await readRoom(clients[0]!, roomId));
  const orphans = await orphanIndexEntries(cloud, [...listed.values()].flat());
  const history = new Map([...listed].map(([roomId, messages]) => [roomId, messages.filter((m) => !orphans.has(m.id))]));
  const stored = [...history.values()].flat();
  const storedIds = new Set(stored.map((m) => m.id));
  // Subscribers are held to what the history API serves (orphans included: a client that fills a gap sees them).
  const expected = new Map([...listed].map(([roomId, messages]) => [roomId, messages.map((m) => m.id).sort()]));
  const matches = (view: RoomView) => {
    const ids = expected.get(view.roomId) ?? [];
    return view.timeline.ids.length === ids.length && view.timeline.ids.every((id, k) => id === ids[k]);
  };
  await waitFor(clients, () => views.every(matches), options.convergeTimeoutMs);
  await Promise.all(clients.map((c) => c.settled()));

  const figures = measure(options, clients, views, sends, listed, history, storedIds);
  const memory = await cloud.memory();
  return {
    ...figures,
    orphanIndexEntries: orphans.size,
    connectionsDropped,
    dropsRequested: dropPlan.size,
    restartDownMs: restartResult?.downMs ?? null,
    cloudPeakRssMiB: memory.peakMiB,
    durationS: (performance.now() - started) / 1000,
    acknowledgedPerSecond: acknowledged / sendSeconds,
  };
}

type MeasuredFigures = Omit<SoakFigures, 'orphanIndexEntries' | 'connectionsDropped' | 'dropsRequested' | 'restartDownMs' | 'cloudPeakRssMiB' | 'durationS' | 'acknowledgedPerSecond'>;

function measure(
  options: SoakPhaseOptions,
  clients: SoakClient[],
  views: RoomView[],
  sends: SendRecord[],
  listed: Map<string, ChatMessage[]>,
  history: Map<string, ChatMessage[]>,
  storedIds: Set<string>,
): MeasuredFigures {
  const stored = [...history.values()].flat();
  const storedByClientMsgId = new Map<string, number>();
  for (const m of stored) storedByClientMsgId.set(m.clientMsgId, (storedByClientMsgId.get(m.clientMsgId) ?? 0) + 1);
  const acked = sends.filter((s) => s.acknowledged);
  const ackedIds = new Set(acked.map((s) => s.clientMsgId));
  const sendByClientMsgId = new Map(sends.map((s) => [s.clientMsgId, s]));
  const clientMsgIdOf = new Map(stored.map((m) => [m.id, m.clientMsgId]));

  let missing = 0;
  let doubled = 0;
  let unstoredDeliveries = 0;
  let duplicateDeliveries = 0;
  let converged = 0;
  let unconfirmedSends = 0;
  const unconvergedDetail: string[] = [];
  const latencies: number[] = [];
  for (const view of views) {
    const roomMessages = listed.get(view.roomId) ?? [];
    const roomIds = new Set(roomMessages.map((m) => m.id));
    const seen = new Set(view.timeline.ids);
    missing += roomMessages.filter((m) => !seen.has(m.id)).length;
    doubled += view.timeline.ids.length - seen.size + view.timeline.ids.filter((id) => !roomIds.has(id)).length;
    for (const [id, count] of view.deliveries) {
      if (!storedIds.has(id)) unstoredDeliveries += 1;
      if (count > 1) duplicateDeliveries += count - 1;
    }
    const entries = timelineEntries(view.timeline);
    unconfirmedSends += entries.filter((e) => e.kind === 'outgoing').length;
    const oldestFirst = [...roomMessages].sort((a, b) => (a.id < b.id ? -1 : 1));
    const same =
      entries.length === oldestFirst.length &&
      entries.every((e, k) => e.kind === 'message' && JSON.stringify(e.message) === JSON.stringify(oldestFirst[k]));
    if (same) converged += 1;
    else if (unconvergedDetail.length < 5) {
      const lacking = roomMessages.filter((m) => !seen.has(m.id)).map((m) => `${m.id}@${m.createdAt}`);
      const client = clients[views.indexOf(view)];
      unconvergedDetail.push(`client ${client?.index} room ${view.roomId}: lacks ${lacking.slice(0, 3).join(', ')}; reconnects ${client?.reconnects}, gap fills ${view.gapFills} (last: after ${view.lastGapFill?.after} at ${view.lastGapFill ? new Date(view.lastGapFill.at).toISOString() : '—'}, ${view.lastGapFill?.items} items), states ${client?.states.slice(-6).join('>')}`);
    }
    for (const [id, at] of view.deliveredAt) {
      const send = sendByClientMsgId.get(clientMsgIdOf.get(id) ?? '');
      if (send && send.attempts === 1) latencies.push(at - send.firstAttemptAt);
    }
  }

  return {
    phase: options.name,
    clients: clients.length,
    rooms: options.rooms,
    messagesPerClient: options.messagesPerClient,
    sent: sends.length,
    sentViaPost: sends.filter((s) => s.via === 'post').length,
    sentViaPublish: sends.filter((s) => s.via === 'publish').length,
    acknowledged: acked.length,
    gaveUp: sends.length - acked.length,
    stored: stored.length,
    storedDistinct: storedByClientMsgId.size,
    acknowledgedLost: [...ackedIds].filter((id) => !storedByClientMsgId.has(id)).length,
    storedTwice: [...storedByClientMsgId.values()].filter((count) => count > 1).length,
    storedUnacknowledged: [...storedByClientMsgId.keys()].filter((id) => !ackedIds.has(id)).length,
    reportedFailures: sends.reduce((sum, s) => sum + s.reportedFailures, 0),
    notStoredFailures: sends.reduce((sum, s) => sum + s.notStoredFailures, 0),
    retriedThenStored: acked.filter((s) => s.attempts > 1 && storedByClientMsgId.get(s.clientMsgId) === 1).length,
    sendErrors: sends.reduce((sum, s) => sum + s.errors, 0),
    subscribers: views.length,
    missing,
    doubled,
    unstoredDeliveries,
    duplicateDeliveries,
    converged,
    unconfirmedSends,
    latencyP50Ms: percentile(latencies, 50),
    latencyP99Ms: percentile(latencies, 99),
    latencySamples: latencies.length,
    reconnects: clients.reduce((sum, c) => sum + c.reconnects, 0),
    gapFills: views.reduce((sum, v) => sum + v.gapFills, 0),
    anchorOvertaken: views.reduce((sum, v) => sum + v.anchorOvertaken, 0),
    unconvergedDetail,
  };
}

/** Ids in history whose table item (keyed by author, room and clientMsgId) holds another id or none. */
async function orphanIndexEntries(cloud: CloudProcess, listed: ChatMessage[]): Promise<Set<string>> {
  const raw = new DynamoDBClient({ endpoint: cloud.dynamoEndpoint, region: 'us-east-1', credentials: cloud.iamCredentials() });
  const doc = DynamoDBDocumentClient.from(raw);
  const orphans = new Set<string>();
  try {
    for (const m of listed) {
      const { Item } = await doc.send(
        new GetCommand({ TableName: tables[0]!.name, Key: messageKey(m.roomId, m.author.sub, m.clientMsgId), ConsistentRead: true }),
      );
      if (!Item || fromMessageItem(Item).id !== m.id) orphans.add(m.id);
    }
  } finally {
    raw.destroy();
  }
  return orphans;
}

/** A room's whole history, through `before` pages, newest first. */
async function readRoom(client: SoakClient, roomId: string): Promise<ChatMessage[]> {
  const items: ChatMessage[] = [];
  let cursor: string | undefined;
  do {
    const query = cursor ? `&before=${encodeURIComponent(cursor)}` : '';
    const page = (await client.amplify.api('GET', `/rooms/${roomId}/messages?limit=${PAGE_LIMIT}${query}`)) as HistoryPage;
    items.push(...page.items.filter((item): item is ChatMessage => !('removed' in item)));
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** Resolves once `done()` holds, re-checked on every client's progress; gives up after `timeoutMs`. */
function waitFor(clients: SoakClient[], done: () => boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(finish, timeoutMs);
    const check = () => {
      if (!finished && done()) finish();
    };
    for (const client of clients) client.onProgress(check);
    check();
  });
}

/** A local-only call: with the admin token of the cloud as it runs now (a restart makes a new one). */
async function postJson(cloud: CloudProcess, url: string, body: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [ADMIN_TOKEN_HEADER]: cloud.adminToken() },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${url}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

/** A small seeded PRNG, so a run's fault plan repeats with its seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

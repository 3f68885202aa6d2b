/**
 * `npm run bench:subscribe`: how long the local cloud takes to acknowledge a WebSocket subscribe
 * (`subscribe` sent → `subscribe_success` or `subscribe_error` received), for a public room (no
 * read) and a private room (the onSubscribe handler's one GetItem of the membership item through
 * the `roomMembership` DynamoDB data source), side by side in one run: rounds alternate between
 * the kinds on the same socket, one subscribe in flight. A refused non-member is measured too.
 * Appends medians, p99 and the private/public ratio to BENCHMARKS.md.
 *
 * The cloud runs in its own process (`local/cli.ts --memory`, dynalite); the membership item is
 * written straight to its DynamoDB server, as the members API would write it.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import WebSocket from 'ws';
import { roomChannel } from '../core/channels.ts';
import type { AmplifyOutputs } from '../core/outputs.ts';
import { createDocumentClient } from '../functions/lib/dynamo-client.ts';
import { toMemberItem } from '../functions/lib/member-item.ts';
import { demoUsers } from '../local/demo-users.ts';
import { iamCredentialsFrom } from '../local/outputs-iam-credentials.ts';
import { freePortBase } from '../tests/support/cloud-process.ts';
import { randomEpoch, randomRoomCode } from '../tests/support/members-only-room.ts';
import { signInTokens } from '../tests/support/raw-events-socket.ts';
import { startChildServer } from './lib/child-server.ts';
import { appendReport } from './lib/report.ts';
import { median, percentile } from './lib/stats.ts';

const WARM_UP = 50;
const ROUNDS = 600;

type Kind = 'public' | 'private (member)' | 'private (non-member, refused)';

interface Frame {
  type: string;
  id?: string;
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** One connected socket and a way to time one subscribe (and its unsubscribe) on it. */
async function connect(realtimeUrl: string, header: Record<string, string>) {
  const socket = new WebSocket(realtimeUrl, ['aws-appsync-event-ws', `header-${b64url(header)}`]);
  await once(socket, 'open');
  const waiting = new Map<string, (frame: Frame) => void>();
  socket.on('message', (raw) => {
    const frame = JSON.parse(String(raw)) as Frame;
    const key = frame.type === 'connection_ack' ? 'ack' : (frame.id ?? '');
    waiting.get(key)?.(frame);
    waiting.delete(key);
  });
  const answer = (key: string) => new Promise<Frame>((resolve) => waiting.set(key, resolve));
  const acked = answer('ack');
  socket.send(JSON.stringify({ type: 'connection_init' }));
  await acked;
  return {
    /** Milliseconds from sending `subscribe` to its answer, and the answer's type. */
    async time(channel: string): Promise<{ ms: number; type: string }> {
      const id = randomUUID();
      const answered = answer(id);
      const start = performance.now();
      socket.send(JSON.stringify({ type: 'subscribe', id, channel, authorization: header }));
      const frame = await answered;
      const ms = performance.now() - start;
      if (frame.type === 'subscribe_success') {
        const unsubscribed = answer(id);
        socket.send(JSON.stringify({ type: 'unsubscribe', id }));
        await unsubscribed;
      }
      return { ms, type: frame.type };
    },
    close: () => socket.close(),
  };
}

async function main(): Promise<void> {
  const base = await freePortBase();
  const outputsFile = join(tmpdir(), `parley-bench-subscribe-${process.pid}.json`);
  const cloud = await startChildServer('local/cli.ts', ['--port', String(base), '--memory', '--outputs', outputsFile]);
  // The cloud has written its outputs (with this run's IAM secret) once it is READY.
  const outputs = JSON.parse(await readFile(outputsFile, 'utf8')) as AmplifyOutputs;
  const keys = iamCredentialsFrom(outputs);
  const db = createDocumentClient({
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${base + 3}`,
    AWS_ACCESS_KEY_ID: keys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
  });
  try {
    const eventsUrl = outputs.custom.events.url;
    const alice = demoUsers[0]!;
    const { accessToken } = await signInTokens(outputs, alice.email, alice.password);
    const sub = String(JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString('utf8')).sub);
    const memberRoom = `p-${randomRoomCode(26)}`;
    const otherRoom = `p-${randomRoomCode(26)}`;
    const now = new Date().toISOString();
    await db.send(
      new PutCommand({
        TableName: 'parley',
        Item: toMemberItem({ roomId: memberRoom, sub, handle: 'alice', displayName: 'Alice', role: 'owner', addedAt: now, addedBy: sub }),
      }),
    );
    const epoch = randomEpoch();
    const channels: Record<Kind, { channel: string; expect: string }> = {
      public: { channel: roomChannel('lobby'), expect: 'subscribe_success' },
      'private (member)': { channel: roomChannel(memberRoom, epoch), expect: 'subscribe_success' },
      'private (non-member, refused)': { channel: roomChannel(otherRoom, epoch), expect: 'subscribe_error' },
    };
    const kinds = Object.keys(channels) as Kind[];
    const socket = await connect(`${eventsUrl.replace(/^http/, 'ws')}/realtime`, { host: new URL(eventsUrl).host, Authorization: accessToken });
    const samples: Record<Kind, number[]> = { public: [], 'private (member)': [], 'private (non-member, refused)': [] };
    for (let round = 0; round < WARM_UP + ROUNDS; round += 1) {
      // Alternating kinds, and rotating which goes first, so drift on the machine hits all alike.
      for (const kind of [...kinds.slice(round % kinds.length), ...kinds.slice(0, round % kinds.length)]) {
        const { ms, type } = await socket.time(channels[kind].channel);
        if (type !== channels[kind].expect) throw new Error(`${kind}: expected ${channels[kind].expect}, got ${type}`);
        if (round >= WARM_UP) samples[kind].push(ms);
      }
    }
    socket.close();

    const publicMedian = median(samples.public);
    const rows = kinds.map((kind) => {
      const p50 = median(samples[kind]);
      const ratio = kind === 'public' ? '1.00×' : `${(p50 / publicMedian).toFixed(2)}×`;
      return `| ${kind} | ${p50.toFixed(2)} | ${percentile(samples[kind], 99).toFixed(2)} | ${ratio} |`;
    });
    const body = [
      `${ROUNDS} subscribes of each kind after ${WARM_UP} of warm-up, alternating on one socket, one in flight; \`subscribe\` sent → \`subscribe_success\` (or, for the non-member, \`subscribe_error\` Unauthorized), then unsubscribe. The cloud runs in its own process (dynalite in memory); the client is this process. A private subscribe adds the handler's one GetItem of the membership item (\`roomMembership\` data source, 0.5 RCU on AWS); a public one reads nothing.`,
      'Target: private ≤ 1.2× public (median).',
      '',
      '| subscribe | p50 (ms) | p99 (ms) | p50 vs public |',
      '|---|---|---|---|',
      ...rows,
    ].join('\n');
    console.log(body);
    await appendReport('bench:subscribe (subscribe acknowledgement, private vs public)', 'npm run bench:subscribe', body);
  } finally {
    db.destroy();
    await cloud.stop();
  }
}

await main();

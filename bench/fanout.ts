/**
 * `npm run bench:fanout`: one publisher, N = 1, 100 and 1,000 WebSocket subscribers on loopback.
 * Measures publish → `data` latency (p50/p99, one event in flight) and events per second (a
 * burst, until every subscriber has every event), for the local cloud and, in the same run, for
 * a bare `ws` broadcast server: the ceiling on this machine. Each server runs in its own process;
 * the clients share this one. Appends the results to BENCHMARKS.md.
 *
 * The local cloud path is the real one a server-side publisher takes: SigV4-signed WebSocket
 * publish on `/chat/rooms/bench` (AWS_IAM), the `chat` onPublish handler in the sandbox, fan-out to
 * subscribers authorized with a Cognito access token.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { signEventRequest } from 'appsync-events-local';
import { demoUsers } from '../local/demo-users.ts';
import { iamCredentialsFrom } from '../local/outputs-iam-credentials.ts';
import { signInTokens } from '../tests/support/raw-events-socket.ts';
import type { AmplifyOutputs } from '../core/outputs.ts';
import { startChildServer } from './lib/child-server.ts';
import { appendReport } from './lib/report.ts';
import { median, percentile } from './lib/stats.ts';

interface Target {
  name: string;
  subscribe(onEvent: (event: string) => void): Promise<WebSocket>;
  publisher(): Promise<(event: string) => Promise<void>>;
}

const CHANNEL = '/chat/rooms/bench';
const SIZES = [1, 100, 1000];

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

async function openAppSyncSocket(url: string, header: Record<string, string>): Promise<WebSocket> {
  const socket = new WebSocket(url, ['aws-appsync-event-ws', `header-${b64url(header)}`]);
  await once(socket, 'open');
  socket.send(JSON.stringify({ type: 'connection_init' }));
  await waitForFrame(socket, (frame) => frame.type === 'connection_ack');
  return socket;
}

function waitForFrame(socket: WebSocket, match: (frame: { type: string; id?: string }) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (raw: WebSocket.RawData) => {
      const frame = JSON.parse(String(raw)) as { type: string; id?: string };
      if (match(frame)) {
        socket.off('message', onMessage);
        resolve();
      } else if (frame.type.endsWith('error')) {
        socket.off('message', onMessage);
        reject(new Error(String(raw)));
      }
    };
    socket.on('message', onMessage);
  });
}

async function localCloudTarget(outputs: AmplifyOutputs): Promise<Target> {
  const eventsUrl = outputs.custom.events.url;
  const realtimeUrl = `${eventsUrl.replace(/^http/, 'ws')}/realtime`;
  const host = new URL(eventsUrl).host;
  const alice = demoUsers[0]!;
  const { accessToken: token } = await signInTokens(outputs, alice.email, alice.password);
  const userHeader = { host, Authorization: token };
  const credentials = iamCredentialsFrom(outputs);
  const region = outputs.custom.events.aws_region;
  return {
    name: 'local cloud',
    async subscribe(onEvent) {
      const socket = await openAppSyncSocket(realtimeUrl, userHeader);
      const id = randomUUID();
      socket.send(JSON.stringify({ type: 'subscribe', id, channel: CHANNEL, authorization: userHeader }));
      await waitForFrame(socket, (frame) => frame.type === 'subscribe_success' && frame.id === id);
      socket.on('message', (raw) => {
        const frame = JSON.parse(String(raw)) as { type: string; event?: string };
        if (frame.type === 'data' && frame.event) onEvent(frame.event);
      });
      return socket;
    },
    async publisher() {
      const connectHeader = signEventRequest({ url: eventsUrl, body: '{}', credentials, region });
      const socket = await openAppSyncSocket(realtimeUrl, connectHeader);
      return async (event) => {
        const events = [event];
        const authorization = signEventRequest({
          url: eventsUrl,
          body: JSON.stringify({ channel: CHANNEL, events }),
          credentials,
          region,
        });
        socket.send(JSON.stringify({ type: 'publish', id: randomUUID(), channel: CHANNEL, events, authorization }));
      };
    },
  };
}

function bareTarget(port: string): Target {
  const url = `ws://127.0.0.1:${port}`;
  return {
    name: 'bare ws',
    async subscribe(onEvent) {
      const socket = new WebSocket(url);
      await once(socket, 'open');
      socket.send(JSON.stringify({ type: 'subscribe' }));
      await waitForFrame(socket, (frame) => frame.type === 'subscribe_success');
      socket.on('message', (raw) => {
        const frame = JSON.parse(String(raw)) as { type: string; event?: string };
        if (frame.type === 'data' && frame.event) onEvent(frame.event);
      });
      return socket;
    },
    async publisher() {
      const socket = new WebSocket(url);
      await once(socket, 'open');
      return async (event) => socket.send(JSON.stringify({ type: 'publish', event }));
    },
  };
}

interface Result {
  target: string;
  subscribers: number;
  p50: number;
  p99: number;
  eventsPerSecond: number;
}

/** Subscribers connected to one target, with a publisher; `round()` measures once. */
interface Bench {
  round(): Promise<Omit<Result, 'target' | 'subscribers'>>;
  close(): void;
}

async function prepare(target: Target, subscribers: number): Promise<Bench> {
  const sentAt = new Map<number, number>();
  let latencies: number[] = [];
  let received = 0;
  let onProgress = () => {};
  const onEvent = (event: string) => {
    const { seq } = JSON.parse(event) as { seq: number };
    const start = sentAt.get(seq);
    if (start !== undefined) latencies.push(performance.now() - start);
    received += 1;
    onProgress();
  };
  const sockets: WebSocket[] = [];
  for (let i = 0; i < subscribers; i += 50) {
    const batch = Math.min(50, subscribers - i);
    sockets.push(...(await Promise.all(Array.from({ length: batch }, () => target.subscribe(onEvent)))));
  }
  const publish = await target.publisher();
  const untilReceived = (count: number) =>
    new Promise<void>((resolve) => {
      onProgress = () => received >= count && resolve();
      onProgress();
    });
  let seq = 0;
  const send = async () => {
    sentAt.set(seq, performance.now());
    await publish(JSON.stringify({ type: 'bench', seq, pad: 'x'.repeat(200) }));
    seq += 1;
  };
  const latencyEvents = subscribers >= 1000 ? 40 : 150;
  const burst = subscribers >= 1000 ? 60 : subscribers >= 100 ? 400 : 2000;
  return {
    async round() {
      // Warm-up, then one event in flight at a time: latency.
      for (let i = 0; i < 10; i += 1) {
        const target = received + subscribers;
        await send();
        await untilReceived(target);
      }
      latencies = [];
      for (let i = 0; i < latencyEvents; i += 1) {
        const target = received + subscribers;
        await send();
        await untilReceived(target);
      }
      // A copy: the burst below keeps adding to `latencies`, and its queueing is not latency.
      const measured = [...latencies];
      // A burst: events per second until every subscriber has every event.
      const expected = received + burst * subscribers;
      const started = performance.now();
      for (let i = 0; i < burst; i += 1) await send();
      await untilReceived(expected);
      const seconds = (performance.now() - started) / 1000;
      return { p50: median(measured), p99: percentile(measured, 99), eventsPerSecond: burst / seconds };
    },
    close() {
      for (const socket of sockets) socket.terminate();
    },
  };
}

const ROUNDS = 3;

/** Alternates the targets round by round, so both see the same machine noise; medians of the rounds. */
async function measure(targets: Target[], subscribers: number): Promise<Result[]> {
  const benches = [];
  for (const target of targets) {
    const started = performance.now();
    benches.push(await prepare(target, subscribers));
    console.log(`  ${target.name}: ${subscribers} subscribers connected in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const rounds = targets.map(() => [] as Omit<Result, 'target' | 'subscribers'>[]);
  for (let r = 0; r < ROUNDS; r += 1) {
    for (const [i, bench] of benches.entries()) rounds[i]!.push(await bench.round());
  }
  for (const bench of benches) bench.close();
  return targets.map((target, i) => ({
    target: target.name,
    subscribers,
    p50: median(rounds[i]!.map((r) => r.p50)),
    p99: median(rounds[i]!.map((r) => r.p99)),
    eventsPerSecond: median(rounds[i]!.map((r) => r.eventsPerSecond)),
  }));
}

async function main(): Promise<void> {
  const outputsFile = join(tmpdir(), `parley-bench-${process.pid}.json`);
  const cloud = await startChildServer('local/cli.ts', ['--port', '0', '--memory', '--rate-limit', 'off', '--outputs', outputsFile]);
  const bare = await startChildServer('bench/bare-broadcast-server.ts', []);
  const results: Result[] = [];
  try {
    const outputs = JSON.parse(await readFile(outputsFile, 'utf8')) as AmplifyOutputs;
    const targets = [bareTarget(bare.ready), await localCloudTarget(outputs)];
    for (const subscribers of SIZES) {
      for (const result of await measure(targets, subscribers)) {
        results.push(result);
        console.log(
          `${result.target.padEnd(12)} N=${String(subscribers).padStart(4)}  p50 ${result.p50.toFixed(2)} ms  p99 ${result.p99.toFixed(2)} ms  ${result.eventsPerSecond.toFixed(0)} events/s`,
        );
      }
    }
  } finally {
    await cloud.stop();
    await bare.stop();
  }
  await appendReport('bench:fanout', 'npm run bench:fanout', table(results));
}

function table(results: Result[]): string {
  const rows = SIZES.map((n) => {
    const bare = results.find((r) => r.subscribers === n && r.target === 'bare ws')!;
    const local = results.find((r) => r.subscribers === n && r.target === 'local cloud')!;
    return `| ${n} | ${bare.p50.toFixed(2)} / ${bare.p99.toFixed(2)} | ${bare.eventsPerSecond.toFixed(0)} | ${local.p50.toFixed(2)} / ${local.p99.toFixed(2)} | ${local.eventsPerSecond.toFixed(0)} | ${(local.eventsPerSecond / bare.eventsPerSecond).toFixed(2)}× | ${(local.p99 / bare.p99).toFixed(2)}× |`;
  });
  return [
    `Medians of ${ROUNDS} alternating rounds. Publish → \`data\` latency with one event in flight (ms); events per second delivered to every subscriber in a burst. Each server runs in its own process; the ${'subscribers'} and the publisher share the benchmark process.`,
    'Targets at N = 1,000: throughput ≥ 0.5× bare, p99 ≤ 2× bare p99.',
    '',
    '| N | bare p50 / p99 | bare events/s | local p50 / p99 | local events/s | throughput ratio | p99 ratio |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

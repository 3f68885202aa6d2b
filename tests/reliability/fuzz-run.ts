/**
 * The protocol fuzz run: fast-check frames over the realtime WebSocket and bodies
 * over `POST /event`, each checked against `fuzz-oracle.ts`, while a bystander subscription
 * must keep receiving a heartbeat and the cloud's memory is watched. Shared by
 * `tests/reliability/fuzz.test.ts` (small) and `npm run fuzz` (full size).
 */
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { CloudProcess } from '../support/cloud-process.ts';
import { openRawSocket, type RawEventsSocket, signInTokens } from '../support/raw-events-socket.ts';
import { expectedReply, headersAuthorized, LIMITS, mismatch, type OracleState, partitionMismatch, publishVerdict, type PublishVerdict } from './fuzz-oracle.ts';

export interface FuzzOptions {
  wsFrames: number;
  httpBodies: number;
  seed: number;
  /** A heartbeat publish every this many frames, which the bystander must receive. */
  heartbeatEvery: number;
  log?: (line: string) => void;
}

export interface FuzzFigures {
  seed: number;
  wsFrames: number;
  httpBodies: number;
  byCategory: Record<string, number>;
  /** What the oracle required, by reply (`type errorType` or HTTP status): the coverage of the run. */
  byExpectedReply: Record<string, number>;
  mismatches: number;
  examples: string[];
  /** Sockets the server closed on purpose (frames over the WebSocket limit, invalid UTF-8) and their codes. */
  closes: Record<string, number>;
  heartbeats: number;
  heartbeatsReceived: number;
  cloudRssAfterWarmUpMiB: number;
  cloudRssAtEndMiB: number;
  cloudPeakRssMiB: number;
  /** The cloud still answers a normal publish and history read after the run. */
  upAfterRun: boolean;
  durationS: number;
}

type WsCase =
  | { category: string; kind: 'text'; text: string }
  | { category: string; kind: 'binary'; bytes: Uint8Array }
  | { category: 'oversize frame'; kind: 'oversize'; bytes: number }
  | { category: 'invalid UTF-8'; kind: 'badUtf8' };

const ODD_UNICODE = ['\u0000', '\u202E', '\uFEFF', '\u200B', '\uD800', '\uDFFF', '\uFFFF', '𝕏', '👩‍👩‍👧', 'e\u0301', '\u0085', '\u2028', 'Ω', '﷽', '<script>'];

function arbitraries(roomId: string, tokens: { access: string; id: string }) {
  const oddText = fc.oneof(
    fc.string({ maxLength: 64 }),
    fc.string({ unit: 'grapheme', maxLength: 64 }),
    fc.string({ unit: 'binary', maxLength: 64 }),
    fc.array(fc.constantFrom(...ODD_UNICODE), { maxLength: 16 }).map((parts) => parts.join('')),
    fc.integer({ min: 3990, max: 4010 }).map((n) => 'x'.repeat(n)),
  );
  // Up to far past V8's stack, and around the local cloud's nesting limit (1,000).
  const deep = fc
    .oneof(fc.integer({ min: 100, max: 20_000 }), fc.integer({ min: 998, max: 1002 }))
    .map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`);
  const payload = fc.oneof(
    fc.record({ type: fc.constant('message'), clientMsgId: fc.oneof(fc.uuid(), fc.string()), text: oddText }),
    fc.record({ type: fc.constant('message'), clientMsgId: fc.uuid(), text: oddText, author: fc.record({ sub: fc.string(), displayName: fc.string() }) }),
    fc.record({ type: fc.constant('typing') }),
    fc.jsonValue({ maxDepth: 4 }),
  );
  const eventString = fc.oneof(
    { weight: 6, arbitrary: payload.map((p) => JSON.stringify(p)) },
    { weight: 1, arbitrary: deep },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
    { weight: 1, arbitrary: fc.integer({ min: LIMITS.eventBytes - 16, max: LIMITS.eventBytes + 16 }).map((n) => JSON.stringify('y'.repeat(n))) },
  );
  const events = fc.oneof(
    { weight: 6, arbitrary: fc.array(eventString, { minLength: 1, maxLength: 5 }) },
    { weight: 1, arbitrary: fc.array(eventString, { minLength: 6, maxLength: 8 }) },
    { weight: 1, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    { weight: 1, arbitrary: fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 1, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.array(fc.constant(JSON.stringify('z'.repeat(230_000))), { minLength: 5, maxLength: 5 }) },
  );
  const segment = fc.oneof(fc.constantFrom('rooms', roomId, 'x', '*', '-a', 'A', 'a'.repeat(51), ''), fc.string({ maxLength: 8 }));
  const channel = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(`/chat/rooms/${roomId}`, `chat/rooms/${roomId}/`, `/signals/rooms/${roomId}`, '/chat/rooms/no-such-room') },
    { weight: 2, arbitrary: fc.constantFrom('/chat/*', '/chat/rooms/*', '/chat/rooms', '/chat', '/*', '/default/x', '/Chat/rooms/a', '/chat/rooms/UPPER', '/chat/rooms/a/b', '//chat/rooms/a', '/chat/rooms/../a') },
    { weight: 2, arbitrary: fc.array(segment, { minLength: 1, maxLength: 7 }).map((s) => `/${s.join('/')}`) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) },
  );
  const authorization = fc.oneof(
    { weight: 6, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom({ Authorization: tokens.access }, { authorization: `Bearer ${tokens.id}` }) },
    { weight: 2, arbitrary: fc.oneof(fc.constant({}), fc.record({ Authorization: fc.string() }), fc.constant({ Authorization: `${tokens.access.slice(0, -4)}AAAA` })) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) },
  );
  const id = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('s1', 's2', 's3', 'p-1', 'u_1+x') },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 6 }), fc.constant('a'.repeat(129)), fc.constant('bad id'), fc.constant('')) },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 })) },
  );
  const type = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom('subscribe', 'unsubscribe', 'publish') },
    { weight: 1, arbitrary: fc.constantFrom('connection_init', 'ka', 'data', 'start', 'SUBSCRIBE') },
    { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null)) },
  );
  const operation = fc
    .record({ type, id, channel, events, authorization }, { requiredKeys: ['type'] })
    .map((frame) => JSON.stringify(Object.fromEntries(Object.entries(frame).filter(([, v]) => v !== undefined))));

  // Well-formed publishes to real room channels with hostile payloads: what reaches the handlers and the Lambda.
  const roomPublish = fc
    .record({ id: fc.uuid(), channel: fc.constantFrom(`/chat/rooms/${roomId}`, `/signals/rooms/${roomId}`, '/chat/rooms/no-such-room'), events: fc.array(eventString, { minLength: 1, maxLength: 5 }), authorization })
    .map((frame) => JSON.stringify({ type: 'publish', ...frame }));
  const ws: fc.Arbitrary<WsCase> = fc.oneof(
    { weight: 10, arbitrary: operation.map((text) => ({ category: 'operation', kind: 'text' as const, text })) },
    { weight: 4, arbitrary: roomPublish.map((text) => ({ category: 'room publish', kind: 'text' as const, text })) },
    { weight: 2, arbitrary: fc.string({ maxLength: 64 }).map((text) => ({ category: 'malformed JSON', kind: 'text' as const, text })) },
    { weight: 1, arbitrary: operation.map((text) => ({ category: 'truncated JSON', kind: 'text' as const, text: text.slice(0, Math.max(1, text.length - 3)) })) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => ({ category: 'wrong types', kind: 'text' as const, text: JSON.stringify(v) })) },
    { weight: 1, arbitrary: deep.map((text) => ({ category: 'deep value', kind: 'text' as const, text })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ category: 'binary', kind: 'binary' as const, bytes })) },
  );
  const body = fc.oneof(
    { weight: 4, arbitrary: fc.record({ channel: fc.constantFrom(`/chat/rooms/${roomId}`, `/signals/rooms/${roomId}`), events: fc.array(eventString, { minLength: 1, maxLength: 5 }) }).map((b) => JSON.stringify(b)) },
    { weight: 8, arbitrary: fc.record({ channel, events }, { requiredKeys: [] }).map((b) => JSON.stringify(b)) },
    { weight: 2, arbitrary: fc.string({ maxLength: 64 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: deep },
    { weight: 1, arbitrary: fc.integer({ min: LIMITS.requestBytes - 64, max: LIMITS.requestBytes + 64 }).map((n) => JSON.stringify({ channel: `/chat/rooms/${roomId}`, events: ['"a"'], pad: 'p'.repeat(n) })) },
  );
  const httpAuth = fc.oneof(
    { weight: 6, arbitrary: fc.constant<Record<string, string>>({ authorization: tokens.access }) },
    { weight: 1, arbitrary: fc.constant<Record<string, string>>({}) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'abcXYZ.-_='.split('')), maxLength: 40 }).map((t) => ({ authorization: t })) },
  );
  return { ws, http: fc.record({ body, headers: httpAuth }) };
}

export async function runFuzz(cloud: CloudProcess, options: FuzzOptions): Promise<FuzzFigures> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const eventsUrl = cloud.outputs.custom.events.url;
  const alice = cloud.outputs.custom.local!.users[0]!;
  const { accessToken, idToken } = await signInTokens(cloud.outputs, alice.username, alice.password);
  const apiUrl = Object.values(cloud.outputs.custom.API)[0]!.endpoint;
  const created = await fetch(`${apiUrl}/rooms`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `fuzz ${randomUUID().slice(0, 8)}` }),
  });
  const roomId = ((await created.json()) as { id: string }).id;
  const channel = `/chat/rooms/${roomId}`;
  const host = new URL(eventsUrl).host;
  const connectAuth = { host, Authorization: accessToken };

  const bystander = await openRawSocket(eventsUrl, connectAuth);
  bystander.send(JSON.stringify({ type: 'connection_init' }));
  bystander.send(JSON.stringify({ type: 'subscribe', id: 'bystander', channel, authorization: connectAuth }));
  await bystander.next((f) => f.type === 'subscribe_success');
  let heartbeats = 0;
  let heartbeatsReceived = 0;
  const heartbeat = async () => {
    heartbeats += 1;
    const clientMsgId = randomUUID();
    await fetch(eventsUrl, {
      method: 'POST',
      headers: { authorization: accessToken, 'content-type': 'application/json' },
      body: JSON.stringify({ channel, events: [JSON.stringify({ type: 'message', clientMsgId, text: `heartbeat ${heartbeats}` })] }),
    });
    const got = await bystander
      .next((f) => f.type === 'data' && typeof f.event === 'string' && f.event.includes(clientMsgId), 10_000)
      .then(() => true, () => false);
    if (got) heartbeatsReceived += 1;
  };

  const state: OracleState = { active: new Set(), validTokens: new Set([accessToken, idToken]) };
  let socket = await openRawSocket(eventsUrl, connectAuth);
  const reopen = async () => {
    socket.close();
    socket = await openRawSocket(eventsUrl, connectAuth);
    state.active.clear();
  };
  const byCategory: Record<string, number> = {};
  const byExpectedReply: Record<string, number> = {};
  const tally = (key: string) => {
    byExpectedReply[key] = (byExpectedReply[key] ?? 0) + 1;
  };
  const closes: Record<string, number> = {};
  const examples: string[] = [];
  let mismatches = 0;
  const fail = (what: string, detail: string) => {
    mismatches += 1;
    if (examples.length < 10) examples.push(`${what.slice(0, 300)}: ${detail}`.slice(0, 700));
  };
  let warmRss = 0;

  const { ws, http } = arbitraries(roomId, { access: accessToken, id: idToken });
  const wsCases: WsCase[] = fc.sample(ws, { seed: options.seed, numRuns: options.wsFrames });
  // A few frames beyond the WebSocket limit and with invalid UTF-8: the server closes that socket only.
  const specials: WsCase[] = [
    { category: 'oversize frame', kind: 'oversize', bytes: 2 * LIMITS.requestBytes + 1024 },
    { category: 'invalid UTF-8', kind: 'badUtf8' },
  ];
  wsCases.splice(Math.floor(wsCases.length / 3), 0, ...specials);
  wsCases.splice(Math.floor((2 * wsCases.length) / 3), 0, ...specials);

  for (const [n, testCase] of wsCases.entries()) {
    byCategory[testCase.category] = (byCategory[testCase.category] ?? 0) + 1;
    if (n > 0 && n % options.heartbeatEvery === 0) {
      await heartbeat();
      if (warmRss === 0) warmRss = (await cloud.memory()).rssMiB;
    }
    if (n > 0 && n % 1000 === 0) log(`${n} WebSocket frames, ${mismatches} mismatches`);
    if (testCase.kind === 'oversize' || testCase.kind === 'badUtf8') {
      const expectedCode = testCase.kind === 'oversize' ? 1009 : 1007;
      if (testCase.kind === 'oversize') socket.send(Buffer.alloc(testCase.bytes, 0x61));
      else socket.send(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]));
      const code = await Promise.race([socket.closed, new Promise<number>((resolve) => setTimeout(() => resolve(-1), 10_000))]);
      closes[`${testCase.category} → close ${code}`] = (closes[`${testCase.category} → close ${code}`] ?? 0) + 1;
      if (code !== expectedCode) fail(testCase.category, `expected close ${expectedCode}, got ${code}`);
      await reopen();
      continue;
    }
    if (testCase.kind === 'binary') {
      socket.send(Buffer.from(testCase.bytes), { binary: true });
      tally('WS error BadRequestException');
      await check(socket, { type: 'error', errorTypes: ['BadRequestException'] }, 'binary frame', fail);
      continue;
    }
    const expected = expectedReply(testCase.text, state);
    tally(`WS ${expected.type}${'errorTypes' in expected ? ` ${expected.errorTypes.join('|')}` : ''}`);
    socket.send(testCase.text);
    await check(socket, expected, `${testCase.category} ${testCase.text}`, fail);
    if (socket.socket.readyState !== socket.socket.OPEN) {
      fail(testCase.category, 'the server closed the socket');
      await reopen();
    }
  }

  const httpCases = fc.sample(http, { seed: options.seed + 1, numRuns: options.httpBodies });
  for (const [n, { body, headers }] of httpCases.entries()) {
    byCategory['HTTP publish body'] = (byCategory['HTTP publish body'] ?? 0) + 1;
    if (n > 0 && n % options.heartbeatEvery === 0) await heartbeat();
    const response = await fetch(eventsUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const text = await response.text();
    tally(`HTTP ${response.status}`);
    const problem = httpMismatch(body, headers, state, response.status, response.headers.get('x-amzn-errortype'), text);
    if (problem) fail(`HTTP ${body}`, problem);
  }
  await heartbeat();

  const upAfterRun = await fetch(`${apiUrl}/rooms/${roomId}/messages?limit=1`, { headers: { authorization: `Bearer ${accessToken}` } }).then((r) => r.ok, () => false);
  const memory = await cloud.memory();
  socket.close();
  bystander.close();
  return {
    seed: options.seed,
    wsFrames: wsCases.length,
    httpBodies: httpCases.length,
    byCategory,
    byExpectedReply,
    mismatches,
    examples,
    closes,
    heartbeats,
    heartbeatsReceived: upAfterRun ? heartbeatsReceived : 0,
    cloudRssAfterWarmUpMiB: warmRss,
    cloudRssAtEndMiB: memory.rssMiB,
    cloudPeakRssMiB: memory.peakMiB,
    upAfterRun,
    durationS: (performance.now() - started) / 1000,
  };
}

/** Waits for the reply to the frame just sent (skipping keep-alives and data frames) and checks it. */
async function check(socket: RawEventsSocket, expected: ReturnType<typeof expectedReply>, what: string, fail: (what: string, detail: string) => void): Promise<void> {
  try {
    const frame = await socket.next((f) => f.type !== 'ka' && f.type !== 'data', 15_000);
    const problem = mismatch(expected, frame);
    if (problem) fail(what, problem);
  } catch (error) {
    fail(what, `no reply: ${(error as Error).message}`);
  }
}

/** An HTTP publish's error answer: the status, the `x-amzn-ErrorType` header and an `{"errors":[…]}` body. */
function httpMismatch(body: string, headers: Record<string, string>, state: OracleState, status: number, errorTypeHeader: string | null, text: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const bytes = Buffer.byteLength(body);
  const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  const verdict: PublishVerdict =
    bytes > LIMITS.requestBytes
      ? { ok: false, errorTypes: ['BadRequestException'], status: [413] }
      : !isObject
        ? { ok: false, errorTypes: ['BadRequestException'], status: [400] }
        : publishVerdict((parsed as Record<string, unknown>).channel, (parsed as Record<string, unknown>).events, bytes, headersAuthorized(headers, state));
  let reply: Record<string, unknown>;
  try {
    reply = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return `HTTP ${status} with a body that is not JSON: ${text.slice(0, 200)}`;
  }
  if (verdict.ok) return status === 200 ? partitionMismatch(reply, verdict.events) : `expected 200, got ${status} ${text.slice(0, 200)}`;
  const errors = reply.errors as { errorType?: string; message?: string }[] | undefined;
  const errorType = Array.isArray(errors) ? errors[0]?.errorType : undefined;
  if (!verdict.status.includes(status) || !verdict.errorTypes.includes(String(errorType)) || errorTypeHeader !== errorType || !errors?.[0]?.message) {
    return `expected ${verdict.status.join('|')} ${verdict.errorTypes.join('|')} (header and body), got ${status} ${errorTypeHeader} ${text.slice(0, 200)}`;
  }
  return null;
}

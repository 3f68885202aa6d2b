/**
 * `npm run bench:app`: the app in Debian's Chromium against a local cloud (rate limit off) and a
 * `vite preview` of a production build, all started here.
 *
 * - bundle: the JS loaded before any lazy chunk (HTML entry + its static imports, from the build
 *   manifest), gzipped; the Authenticator's sign-in chunk separately. Target ≤ 120 kB.
 * - room open: click a room in the list → its first scrollback paint, vs a bare `fetch` of the same
 *   history page rendered as a plain list, in the same page, interleaved, each from a quiet page;
 *   and the same for a cold page load vs a bare page. Medians. Target ≤ 1.5×. Private rooms
 *   likewise (their subscribe and history each check membership): target ≤ 1.5× too.
 * - long history: a room of 10,000 messages loaded by scrolling up: message DOM nodes (≤ 150), JS
 *   heap after GC (≤ 60 MB, CDP `Runtime.getHeapUsage`), and frame intervals scrolling through it.
 * - send → render: bob clicks Send; alice's tab sees the article (MutationObserver); both
 *   timestamps `performance.timeOrigin + now()` on one machine clock. Target p50 ≤ 50 ms.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build as bundle } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import { roomChannel } from '../core/channels.ts';
import type { Room } from '../core/history-api.ts';
import type { AmplifyOutputs } from '../core/outputs.ts';
import { startAmplifyClient } from '../tests/support/amplify-client.ts';
import { PAINT_MARK } from './browser/paint-mark.ts';
import { barePage } from './lib/bare-page.ts';
import { bundleSizes } from './lib/bundle-size.ts';
import { startChildServer } from './lib/child-server.ts';
import { appendReport } from './lib/report.ts';
import { median, percentile } from './lib/stats.ts';

const PAGE = 50;
const OPEN_RUNS = 61;
const PRIVATE_RUNS = 31;
const COLD_RUNS = 15;
/** Rounds of cold loads, each its own median: the cold ratio is reported with its spread across them. */
const COLD_ROUNDS = 5;
/** `--open-only`: room open alone (warm and cold), printed and not recorded; for trying a change quickly. */
const OPEN_ONLY = process.argv.includes('--open-only');
const LONG = 10_000;
const SENDS = 300;
const SEND_WARMUP = 20;
const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
const USERS = {
  alice: { email: 'alice@parley.local', password: 'Parley-demo-1' },
  bob: { email: 'bob@parley.local', password: 'Parley-demo-1' },
};
type ProbeName = 'settle' | 'revealRoomLink' | 'openRoomFromList' | 'bareFetch' | 'loadWholeRoom' | 'scrollThrough' | 'watchArrivals' | 'sendByClick';

/** The in-page probes (bench/browser/app-probes.ts) as one init script. */
async function probeScript(): Promise<string> {
  const result = await bundle({ entryPoints: ['bench/browser/app-probes.ts'], bundle: true, format: 'iife', target: 'es2022', write: false });
  return result.outputFiles[0]?.text ?? '';
}

/** Calls `window.parleyBench[name](...args)` in the page (arguments as JSON). */
function probe<T>(page: Page, name: ProbeName, ...args: unknown[]): Promise<T> {
  return page.evaluate(`window.parleyBench.${name}(...${JSON.stringify(args)})`) as Promise<T>;
}

const kB = (bytes: number) => (bytes / 1000).toFixed(1);
const ms = (value: number) => value.toFixed(1);

/**
 * Bob creates the public rooms and the private ones (inviting alice to each), each with `count`
 * messages. Returns the private rooms' ids and names.
 */
async function seed(outputs: AmplifyOutputs, rooms: { id: string; count: number }[], privateRooms: { name: string; count: number }[]): Promise<{ id: string; name: string }[]> {
  const client = startAmplifyClient(outputs);
  const fill = async (channel: string, label: string, count: number) => {
    const batches = Array.from({ length: Math.ceil(count / 5) }, (_, b) =>
      Array.from({ length: Math.min(5, count - b * 5) }, (_, i) => ({
        type: 'message',
        clientMsgId: randomUUID(),
        text: `Message ${b * 5 + i} of ${label}: a typical chat line, give or take a few words 🙂`,
      })),
    );
    const failed = await client.postMany(channel, batches, 16);
    if (failed.length > 0) throw new Error(`Seeding ${label}: ${failed.length} events failed`);
  };
  try {
    await client.signIn(USERS.bob.email, USERS.bob.password);
    for (const room of rooms) {
      await client.rest('POST', '/rooms', { name: room.id });
      await fill(roomChannel(room.id), room.id, room.count);
    }
    // Alice's profile, and so her handle, exists from her first sign-in: before that nobody can invite her.
    const alice = startAmplifyClient(outputs);
    await alice.signIn(USERS.alice.email, USERS.alice.password).finally(() => alice.close());
    const created: { id: string; name: string }[] = [];
    for (const room of privateRooms) {
      const { id, epoch } = (await client.rest('POST', '/rooms', { name: room.name, kind: 'private' })).body as Room;
      await client.rest('POST', `/rooms/${id}/members`, { handle: 'alice' });
      await fill(roomChannel(id, epoch), room.name, room.count);
      created.push({ id, name: room.name });
    }
    return created;
  } finally {
    await client.close();
  }
}

/** A page signed in as `user`; `watch` sees the page before it loads (the app opens its socket at sign-in). */
async function signedIn(browser: Browser, baseURL: string, script: string, user: { email: string; password: string }, watch?: (page: Page) => void): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: script });
  const page = await context.newPage();
  watch?.(page);
  await page.goto('/rooms');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Rooms', level: 1 }).waitFor();
  return page;
}

/**
 * Where the app's room-open time goes: the `/chat/…` subscribe → `subscribe_success` round trip
 * (WebSocket frames), and the history request of each room (issued by the app and by the
 * baseline, told apart by their order), as Playwright sees them.
 */
function watchRoomOpen(page: Page) {
  const acks: number[] = [];
  const requests = new Map<string, number[]>();
  let active = true;
  const parse = (payload: string | Buffer) => {
    try {
      return JSON.parse(payload.toString()) as { type?: string; id?: string; channel?: string };
    } catch {
      return {};
    }
  };
  page.on('websocket', (ws) => {
    const sent = new Map<string, number>();
    ws.on('framesent', ({ payload }) => {
      const frame = parse(payload);
      if (active && frame.type === 'subscribe' && frame.channel?.startsWith('/chat/') && frame.id) sent.set(frame.id, performance.now());
    });
    ws.on('framereceived', ({ payload }) => {
      const frame = parse(payload);
      const at = frame.id === undefined ? undefined : sent.get(frame.id);
      if (frame.type === 'subscribe_success' && at !== undefined) acks.push(performance.now() - at);
    });
  });
  page.on('requestfinished', (request) => {
    const match = /\/rooms\/(open-\d+)\/messages/.exec(request.url());
    // The newest page only: the app's later `after=` fetch (closing the gap to its subscription) is not the baseline's twin.
    if (!active || !match?.[1] || request.method() !== 'GET' || request.url().includes('after=')) return;
    requests.set(match[1], [...(requests.get(match[1]) ?? []), request.timing().responseEnd]);
  });
  return {
    stop: () => {
      active = false;
    },
    /** Per room, in issue order: [baseline, app] for even runs, [app, baseline] for odd ones. */
    split(rooms: string[]) {
      const app: number[] = [];
      const bare: number[] = [];
      rooms.forEach((room, i) => {
        const [first, second] = requests.get(room) ?? [];
        if (first === undefined || second === undefined) return;
        app.push(i % 2 === 0 ? second : first);
        bare.push(i % 2 === 0 ? first : second);
      });
      return { acks, app, bare };
    },
  };
}

/**
 * A page load of `path`: ms from navigation start to its first message painted. Waits for the
 * probe's console line instead of polling the page: a poll loads Playwright's injected script into
 * the new document, about 25 ms of evaluation in the middle of the load. The bare page's fetch has
 * gone out by then, but the app's start-up script (a module, run once the page is parsed) had not,
 * so the poll delayed the app alone.
 */
async function coldPaint(page: Page, path: string): Promise<number> {
  const painted = page.waitForEvent('console', { predicate: (message) => message.text().startsWith(PAINT_MARK), timeout: 30_000 });
  await page.goto(path, { waitUntil: 'commit' });
  return Number((await painted).text().slice(PAINT_MARK.length));
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dir = await mkdtemp(join(tmpdir(), 'parley-bench-app-'));
  const outputsFile = join(dir, 'amplify_outputs.json');
  const outDir = join(dir, 'dist');
  // The local cloud runs in a process of its own (as with bench:fanout), so Playwright's own work
  // in this process does not delay the app's requests more than the bare page's.
  // Bob seeds 63 rooms: more than the default 10 new rooms per member and hour.
  const cloud = await startChildServer('local/cli.ts', ['--port', '0', '--memory', '--rate-limit', 'off', '--room-limit', 'off', '--outputs', outputsFile]);
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof preview>> | undefined;
  try {
    process.env.PARLEY_OUTPUTS = outputsFile;
    await build({ configFile: 'vite.config.ts', logLevel: 'warn', build: { outDir, emptyOutDir: true, manifest: true } });
    const sizes = await bundleSizes(outDir, 'src/views/SignInView.vue');
    console.log(`bundle: initial JS ${kB(sizes.initial.jsGzip)} kB gzip; sign-in chunk ${kB(sizes.lazy.jsGzip)} kB gzip`);

    const outputs = JSON.parse(await readFile(outputsFile, 'utf8')) as AmplifyOutputs;
    const endpoint = (outputs.custom?.API?.parley?.endpoint ?? '').replace(/\/$/, '');
    await writeFile(join(outDir, 'bare.html'), barePage(endpoint, PAGE));
    server = await preview({ configFile: 'vite.config.ts', logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
    const baseURL = (server.resolvedUrls?.local[0] ?? '').replace(/\/$/, '');

    const openRooms = Array.from({ length: OPEN_RUNS }, (_, i) => ({ id: `open-${i}`, count: PAGE }));
    const seeding = performance.now();
    const privateRooms = await seed(
      outputs,
      OPEN_ONLY ? openRooms : [...openRooms, { id: 'long', count: LONG }, { id: 'live', count: 1 }],
      Array.from({ length: PRIVATE_RUNS }, (_, i) => ({ name: `private-${i}`, count: PAGE })),
    );
    console.log(`seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);

    browser = await chromium.launch({ executablePath: CHROMIUM });
    const script = await probeScript();
    let watched: ReturnType<typeof watchRoomOpen> | undefined;
    const alice = await signedIn(browser, baseURL, script, USERS.alice, (page) => (watched = watchRoomOpen(page)));
    const breakdown = watched!;

    // Room open, warm: the app is loaded; a never-opened room from the list vs a bare fetch.
    const warm = { app: [] as number[], bare: [] as number[] };
    await alice.getByRole('link', { name: /# open-0/ }).waitFor();
    // Each measurement starts on a quiet page (`settle`), so neither side pays for what the one
    // before it left running.
    const bare = async (roomId: string) => {
      await probe<void>(alice, 'settle');
      warm.bare.push(await probe<number>(alice, 'bareFetch', { endpoint, roomId, limit: PAGE }));
    };
    const app = async (roomId: string) => {
      await probe<void>(alice, 'revealRoomLink', roomId);
      await probe<void>(alice, 'settle');
      warm.app.push(await probe<number>(alice, 'openRoomFromList', roomId));
    };
    for (const [i, room] of openRooms.entries()) {
      if (i % 2 === 0) {
        await bare(room.id);
        await app(room.id);
      } else {
        await app(room.id);
        await bare(room.id);
      }
    }
    breakdown.stop();
    // Private rooms, the same way: the app's subscribe and history request each check membership.
    const secret = { app: [] as number[], bare: [] as number[] };
    for (const [i, room] of privateRooms.entries()) {
      const runs = [
        async () => {
          await probe<void>(alice, 'settle');
          secret.bare.push(await probe<number>(alice, 'bareFetch', { endpoint, roomId: room.id, limit: PAGE }));
        },
        async () => {
          await probe<void>(alice, 'revealRoomLink', room.id);
          await probe<void>(alice, 'settle');
          secret.app.push(await probe<number>(alice, 'openRoomFromList', room.id, room.name));
        },
      ];
      for (const run of i % 2 === 0 ? runs : runs.reverse()) await run();
    }
    // Room open, cold: a page load of /rooms/<id> vs a page load of the bare page, interleaved, in
    // rounds; each round's first pair is a warm-up and dropped.
    const rounds: { app: number[]; bare: number[] }[] = [];
    for (let round = 0; round < COLD_ROUNDS; round += 1) {
      const cold = { app: [] as number[], bare: [] as number[] };
      for (let i = 0; i < COLD_RUNS; i += 1) {
        const room = openRooms[i % openRooms.length]?.id as string;
        cold.app.push(await coldPaint(alice, `/rooms/${room}`));
        cold.bare.push(await coldPaint(alice, `/bare.html?room=${room}`));
      }
      rounds.push({ app: cold.app.slice(1), bare: cold.bare.slice(1) });
    }
    const coldRatios = rounds.map((r) => median(r.app) / median(r.bare));
    const cold = { app: rounds.flatMap((r) => r.app), bare: rounds.flatMap((r) => r.bare) };
    // Drop the first (warm-up) run of each.
    const warmApp = median(warm.app.slice(1));
    const warmBare = median(warm.bare.slice(1));
    const coldApp = median(cold.app);
    const coldBare = median(cold.bare);
    const privateApp = median(secret.app.slice(1));
    const privateBare = median(secret.bare.slice(1));
    const parts = breakdown.split(openRooms.map((r) => r.id));
    console.log(`room open: warm ${ms(warmApp)} vs ${ms(warmBare)} ms (${(warmApp / warmBare).toFixed(2)}×); cold ${ms(coldApp)} vs ${ms(coldBare)} ms`);
    console.log(`private room open: ${ms(privateApp)} vs ${ms(privateBare)} ms (${(privateApp / privateBare).toFixed(2)}×)`);
    console.log(`cold ratio per round: ${coldRatios.map((r) => `${r.toFixed(2)}×`).join(', ')}`);
    console.log(`where warm opens go: subscribe → ack ${ms(median(parts.acks))} ms; history request done at ${ms(median(parts.app))} ms (app) vs ${ms(median(parts.bare))} ms (bare), from each click or fetch`);
    if (OPEN_ONLY) return;

    // Long history.
    await alice.goto('/rooms/long');
    await alice.locator('[role="feed"] article').first().waitFor();
    const loadMs = await probe<number>(alice, 'loadWholeRoom', 600_000);
    const setSize = await alice.locator('[role="feed"] article').first().getAttribute('aria-setsize');
    const domNodes = await alice.locator('[role="feed"] article').count();
    const cdp = await alice.context().newCDPSession(alice);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
    const frames = await probe<number[]>(alice, 'scrollThrough', 1200);
    const domWhileScrolled = await alice.locator('[role="feed"] article').count();
    console.log(`long history: ${setSize} messages, ${domNodes} articles, heap ${(heap.usedSize / 2 ** 20).toFixed(1)} MiB`);

    // Send → render.
    const bob = await signedIn(browser, baseURL, script, USERS.bob);
    await Promise.all([alice.goto('/rooms/live'), bob.goto('/rooms/live')]);
    await Promise.all([alice.locator('[role="feed"] article').first().waitFor(), bob.locator('[role="feed"] article').first().waitFor()]);
    await probe<void>(alice, 'watchArrivals');
    const latencies: number[] = [];
    for (let i = 0; i < SENDS + SEND_WARMUP; i += 1) {
      const text = `live ${i} ${randomUUID().slice(0, 8)}`;
      const clickedAt = await probe<number>(bob, 'sendByClick', text);
      await alice.waitForFunction((t) => (globalThis as { __seen?: Record<string, number> }).__seen?.[t] !== undefined, text);
      const seenAt = await alice.evaluate((t) => (globalThis as { __seen?: Record<string, number> }).__seen?.[t] as number, text);
      if (i >= SEND_WARMUP) latencies.push(seenAt - clickedAt);
    }
    console.log(`send → render: p50 ${ms(median(latencies))} ms, p99 ${ms(percentile(latencies, 99))} ms`);

    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
    const verdict = (ok: boolean) => (ok ? 'meets' : '**misses**');
    const body = `
Production build (\`vite build\`) served by \`vite preview\`; local cloud in memory, rate limit off; Chromium ${browser.version()} (\`${CHROMIUM}\`), headless, 1280×800. "Painted" = two animation frames after the DOM change.

**Bundle** (gzip level 9, from \`.vite/manifest.json\`):

| what | files | JS raw | JS gzip | CSS gzip |
|---|---:|---:|---:|---:|
| initial (start-up entry + the app it loads at once, with their static imports) | ${sizes.initial.files.length} | ${kB(sizes.initial.jsRaw)} kB | **${kB(sizes.initial.jsGzip)} kB** | ${kB(sizes.initial.cssGzip)} kB |
| sign-in (Authenticator) chunk, on top | ${sizes.lazy.files.length} | ${kB(sizes.lazy.jsRaw)} kB | ${kB(sizes.lazy.jsGzip)} kB | ${kB(sizes.lazy.cssGzip)} kB |

- initial JS: ${kB(sizes.initial.jsGzip)} kB gzip, ${verdict(sizes.initial.jsGzip <= 120_000)} the ≤ 120 kB target.

**Room open** (newest page of ${PAGE} messages; medians, first run of each dropped; app and baseline interleaved in the same page, each started once the page is quiet):

| case | runs | app median ms | baseline median ms | app p90 ms | ratio |
|---|---:|---:|---:|---:|---:|
| in the app: click a never-opened room → first messages painted, vs bare \`fetch\` + plain list in the same page | ${warm.app.length - 1} | ${ms(warmApp)} | ${ms(warmBare)} | ${ms(percentile(warm.app.slice(1), 90))} | **${ratio(warmApp, warmBare)}** |
| in the app, a private room (the subscribe and the history request each check membership): click → first messages painted, vs bare \`fetch\` + plain list | ${secret.app.length - 1} | ${ms(privateApp)} | ${ms(privateBare)} | ${ms(percentile(secret.app.slice(1), 90))} | **${ratio(privateApp, privateBare)}** |
| cold page load of \`/rooms/<id>\` (signed in) vs page load of a bare page doing the same fetch, ${COLD_ROUNDS} rounds pooled | ${cold.app.length} | ${ms(coldApp)} | ${ms(coldBare)} | ${ms(percentile(cold.app, 90))} | **${ratio(coldApp, coldBare)}** |

- in-app room open: ${ratio(warmApp, warmBare)}, ${verdict(warmApp <= 1.5 * warmBare)} the ≤ 1.5× target.
- in-app private room open: ${ratio(privateApp, privateBare)}, ${verdict(privateApp <= 1.5 * privateBare)} the ≤ 1.5× target; ${ratio(privateApp, warmApp)} the public rooms' median open.
- cold deep link, per round (${COLD_RUNS - 1} interleaved pairs each, ratio of medians): ${coldRatios.map((r) => `${r.toFixed(2)}×`).join(', ')}; median ${median(coldRatios).toFixed(2)}×, spread ${Math.min(...coldRatios).toFixed(2)}–${Math.max(...coldRatios).toFixed(2)}×; ${verdict(median(coldRatios) <= 1.3)} the ≤ 1.3× target.
- where the app's time goes (medians, as Playwright sees the wire): \`/chat/…\` subscribe → \`subscribe_success\` ${ms(median(parts.acks))} ms (${parts.acks.length} rooms); history request ${ms(median(parts.app))} ms in the app vs ${ms(median(parts.bare))} ms for the baseline. In the app the socket is already up, so the room subscribes first (one round trip) and then fetches the page: nothing can fall in between and no second request is needed. Navigation opens the room before the view changes, so the rest is one render: the route change, the old room set aside (kept built, as recently visited rooms are), the new one built with its first screenful of rows, and laid out; the rows' measured heights are applied a frame after that first paint.
- cold load: the page carries the outputs inline, and its start-up script sends the room's newest-page request with the stored token before the app's code (preloaded with the page) is loaded and run; the app adopts that answer, subscribes beside it and fills \`after=\` once subscribed, after the first paint. What the bare page does not pay: the start-up script's own request, loading and running the app's code (${kB(sizes.initial.jsGzip)} kB gzip), the session check and one render of the whole page.

**Long history** (${LONG.toLocaleString('en')} messages loaded by scrolling up, ${Math.ceil(LONG / PAGE)} pages in ${(loadMs / 1000).toFixed(1)} s):

- message DOM nodes: **${domNodes}** at the top, ${domWhileScrolled} at the bottom (feed \`aria-setsize\` ${setSize}); ${verdict(Math.max(domNodes, domWhileScrolled) <= 150)} ≤ 150
- JS heap after GC: **${(heap.usedSize / 2 ** 20).toFixed(1)} MiB** used (${(heap.totalSize / 2 ** 20).toFixed(1)} MiB allocated); ${verdict(heap.usedSize <= 60 * 2 ** 20)} ≤ 60 MB
- scrolling top to bottom, 1,200 px per frame: ${frames.length} frames, interval p50 ${ms(median(frames))} ms, p95 ${ms(percentile(frames, 95))} ms, max ${ms(Math.max(...frames))} ms

**Send → render** (bob clicks Send → the article is in alice's DOM; ${SENDS} sends one at a time after ${SEND_WARMUP} warm-up):

| p50 ms | p90 ms | p99 ms | max ms |
|---:|---:|---:|---:|
| **${ms(median(latencies))}** | ${ms(percentile(latencies, 90))} | ${ms(percentile(latencies, 99))} | ${ms(Math.max(...latencies))} |

- p50 ${verdict(median(latencies) <= 50)} the ≤ 50 ms target. The path: HTTP publish → \`onPublish\` → persist-messages Lambda (DynamoDB write) → broadcast → alice's WebSocket → merge → render.
`;
    console.log(body);
    await appendReport('App (bundle, room open, long history, send → render)', 'npm run bench:app', body);
  } finally {
    await browser?.close();
    await server?.close();
    await cloud.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();

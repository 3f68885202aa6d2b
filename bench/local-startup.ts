/**
 * `npm run bench:local-startup`: how long `npm run local -- --port 0 --memory` takes from spawn to
 * `READY`: once cold (an empty synth cache, so the backend is synthesized and every function
 * bundled) and several times from the cached synth. Each start is its own process, as a developer
 * or a test run starts it. Appends the figures to BENCHMARKS.md.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startChildServer } from './lib/child-server.ts';
import { appendReport } from './lib/report.ts';
import { median } from './lib/stats.ts';

const CACHED_RUNS = 5;
/** The target for a start from the cached synth. */
const TARGET_MS = 5000;

async function timeStart(cacheDir: string): Promise<number> {
  const outputs = join(cacheDir, 'amplify_outputs.json');
  const started = performance.now();
  const server = await startChildServer('local/cli.ts', ['--port', '0', '--memory', '--outputs', outputs, '--synth-cache', cacheDir]);
  const elapsed = performance.now() - started;
  await server.stop();
  return elapsed;
}

const cacheDir = await mkdtemp(join(tmpdir(), 'parley-startup-'));
try {
  const loadBefore = loadavg()[0]!;
  const cold = await timeStart(cacheDir);
  const cached: number[] = [];
  for (let run = 0; run < CACHED_RUNS; run += 1) cached.push(await timeStart(cacheDir));
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const body = [
    'From spawn to `READY` (tsx loading the CLI, the synth or the cache lookup, reading the template, DynamoDB (dynalite, in memory), the user pool seeded with the demo users, the events service and the HTTP API listening). Functions start on their first invocation, not here.',
    '',
    '| start | time |',
    '|---|---:|',
    `| cold (empty cache: synth of amplify/backend.ts, every function bundled) | ${s(cold)} |`,
    `| from the cached synth, median of ${CACHED_RUNS} | ${s(median(cached))} |`,
    '',
    `- cached runs: ${cached.map(s).join(', ')}`,
    `- target from the cached synth: ≤ ${s(TARGET_MS)}: **${median(cached) <= TARGET_MS ? 'met' : 'missed'}**`,
    // Other work on the machine slows every start alike; the figure says how busy it was.
    `- 1-minute load average: ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after (${cpus().length} cores)`,
  ].join('\n');
  process.stdout.write(`${body}\n`);
  await appendReport('bench:local-startup (local cloud start, cold and from the cached synth)', 'npm run bench:local-startup', body);
} finally {
  await rm(cacheDir, { recursive: true, force: true });
}

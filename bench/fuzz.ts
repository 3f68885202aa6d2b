/**
 * `npm run fuzz`: hostile input at full size. The protocol fuzz (≥ 10,000 fast-check
 * frames over the WebSocket and HTTP publish bodies, each checked against the reply AppSync
 * Events documents, with a bystander subscription and the cloud's memory watched), then the
 * identity and access matrix. The local cloud runs as a child process. Prints the figures and
 * appends them to RELIABILITY.md. Flags: `--frames n --bodies n --seed n`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAccess, type AccessCase } from '../tests/reliability/access-run.ts';
import { type FuzzFigures, runFuzz } from '../tests/reliability/fuzz-run.ts';
import { startCloudProcess } from '../tests/support/cloud-process.ts';
import { appendReliability, figureTable } from './lib/reliability-report.ts';

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}

const FRAMES = flag('frames', 10_000);
const BODIES = flag('bodies', 3_000);
const SEED = flag('seed', 20261130);
const log = (line: string) => console.log(`[fuzz] ${line}`);

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-fuzz-'));
  const cloud = await startCloudProcess({ dir, flags: ['--rate-limit', 'off'] });
  let fuzz: FuzzFigures;
  let access: AccessCase[];
  try {
    log(`cloud pid ${cloud.pid()} at ${cloud.eventsOrigin}`);
    fuzz = await runFuzz(cloud, { wsFrames: FRAMES, httpBodies: BODIES, seed: SEED, heartbeatEvery: 250, log });
    log(JSON.stringify({ ...fuzz, examples: fuzz.examples.length }));
    for (const example of fuzz.examples) log(`mismatch: ${example}`);
    access = await runAccess(cloud);
    const failed = access.filter((c) => !c.pass);
    log(`access: ${access.length} attempts, ${failed.length} not as documented`);
    for (const c of failed) log(`access FAILED: ${c.surface} / ${c.attempt}: expected ${c.expected}, got ${c.got}`);
  } finally {
    await cloud.stop();
    await rm(dir, { recursive: true, force: true });
  }
  const command = `npm run fuzz${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  await appendReliability('Hostile input: protocol fuzz, identity and access', command, report(fuzz, access));
  const ok = fuzz.mismatches === 0 && fuzz.heartbeatsReceived === fuzz.heartbeats && fuzz.upAfterRun && access.every((c) => c.pass);
  console.log(ok ? 'fuzz: all checks hold' : 'fuzz: FAILED (see figures)');
  process.exitCode = ok ? 0 : 1;
}

function report(fuzz: FuzzFigures, access: AccessCase[]): string {
  const surfaces = new Map<string, { attempts: number; passed: number; expected: Set<string> }>();
  for (const c of access) {
    const key = c.surface.startsWith('HTTP API') ? `HTTP API, every route (${c.expected.startsWith('401') ? 'bad tokens' : 'member on /moderation'})` : c.surface;
    const entry = surfaces.get(key) ?? { attempts: 0, passed: 0, expected: new Set<string>() };
    entry.attempts += 1;
    entry.passed += c.pass ? 1 : 0;
    entry.expected.add(c.expected);
    surfaces.set(key, entry);
  }
  return [
    `Seed ${fuzz.seed}. The cloud is a child process (\`local/cli.ts\`); frames go one at a time on one socket, each answered before the next.`,
    '',
    '### Protocol fuzz',
    '',
    figureTable([
      ['WebSocket frames / HTTP publish bodies', `${fuzz.wsFrames} / ${fuzz.httpBodies}`],
      ['replies not as documented', fuzz.mismatches],
      ['sockets closed on purpose', Object.entries(fuzz.closes).map(([k, v]) => `${k}: ${v}`).join('; ')],
      ['bystander heartbeats received', `${fuzz.heartbeatsReceived} / ${fuzz.heartbeats}`],
      ['cloud up after the run (publish + history read)', fuzz.upAfterRun ? 'yes' : 'NO'],
      ['cloud RSS after warm-up / at the end / peak (VmHWM)', `${fuzz.cloudRssAfterWarmUpMiB.toFixed(0)} / ${fuzz.cloudRssAtEndMiB.toFixed(0)} / ${fuzz.cloudPeakRssMiB.toFixed(0)} MiB`],
      ['duration', `${fuzz.durationS.toFixed(1)} s`],
    ]),
    '',
    'Frames by generator: ' + Object.entries(fuzz.byCategory).map(([k, v]) => `${k} ${v}`).join(', ') + '.',
    '',
    'Replies the oracle required (coverage): ' + Object.entries(fuzz.byExpectedReply).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ×${v}`).join(', ') + '.',
    ...(fuzz.examples.length ? ['', 'First mismatches:', '', ...fuzz.examples.map((e) => `- \`${e.replace(/`/g, "'")}\``)] : []),
    '',
    '### Identity and access',
    '',
    '| surface | attempts | as documented | documented answer |',
    '|---|---|---|---|',
    ...[...surfaces].map(([surface, s]) => `| ${surface} | ${s.attempts} | ${s.passed} | ${[...s.expected].join('; ')} |`),
    ...(access.some((c) => !c.pass) ? ['', 'Not as documented:', '', ...access.filter((c) => !c.pass).map((c) => `- ${c.surface} / ${c.attempt}: got ${c.got}`)] : []),
  ].join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

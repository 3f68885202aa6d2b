/**
 * `npm run bench:lambda`: every Lambda's deployed bundle (bytes of the minified `.mjs`) and cold
 * init (a fresh Node process importing it, which creates the handler, as the Lambda runtime
 * does), against a baseline bundled the same way: a minimal PutItem Lambda
 * (`bench/lambda-baseline.ts`). A message waits on persist-messages, so the first message after
 * idle waits for its cold start. Target: persist-messages ≤ 1.3× the baseline in size and in init.
 *
 * Runs are interleaved round-robin (each round imports every bundle once, starting one further
 * along each time), so a noisy moment on the machine hits all alike. Probes measured alongside: an
 * empty module (Node's own floor), and persist-messages with Powertools, then zod, stubbed out
 * (bundles that do not work, built only to show what the stubbed part costs in bytes and init).
 *
 * `-- --runs <n>` changes the number of measured rounds; `-- --no-record` prints without
 * appending to BENCHMARKS.md.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { functionNames, functionSettings, LAMBDA_RUNTIME } from '../amplify/definition.ts';
import type { CreateRoomEnv } from '../functions/create-room/env.ts';
import type { HistoryEnv } from '../functions/history/env.ts';
import { METRICS_NAMESPACE } from '../functions/lib/metric-names.ts';
import type { MembersEnv } from '../functions/members/env.ts';
import type { ModerationEnv } from '../functions/moderation/env.ts';
import { DEFAULT_RATE_LIMIT, type PersistMessagesEnv } from '../functions/persist-messages/env.ts';
import type { PreSignUpEnv } from '../functions/pre-sign-up/env.ts';
import type { PreTokenGenerationEnv } from '../functions/pre-token-generation/env.ts';
import type { ProfileEnv } from '../functions/profile/env.ts';
import type { ReportsEnv } from '../functions/reports/env.ts';
import type { ThrottleSignalsEnv } from '../functions/throttle-signals/env.ts';
import { buildLambdaEnvironment } from 'appsync-events-local';
import { coldInit } from './lib/cold-init.ts';
import { type BundleEntry, bundleLambda, bytesByOwner, type LambdaBundle, type Stub } from './lib/lambda-bundle.ts';
import { appendReport } from './lib/report.ts';
import { median, percentile } from './lib/stats.ts';

const RUNS = numberArg('runs', 40);
const WARM_UP_ROUNDS = 3;
const RECORD = !process.argv.includes('--no-record');
const TARGET = 1.3;
const TABLE_NAME = 'parley-bench';

function numberArg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}

/** What the deployment sets for each function (amplify/backend.ts), with stand-ins for its tokens. */
const deployedEnv: Record<(typeof functionNames)[number], Record<string, string>> = {
  'persist-messages': {
    TABLE_NAME,
    EVENT_API_URL: 'https://bench.appsync-api.us-east-1.amazonaws.com/event',
    POWERTOOLS_SERVICE_NAME: 'persist-messages',
    POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    RATE_LIMIT: DEFAULT_RATE_LIMIT,
  } satisfies PersistMessagesEnv,
  'throttle-signals': { TABLE_NAME, POWERTOOLS_SERVICE_NAME: 'throttle-signals', POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE } satisfies ThrottleSignalsEnv,
  history: { TABLE_NAME, POWERTOOLS_SERVICE_NAME: 'history', POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE } satisfies HistoryEnv,
  'create-room': { TABLE_NAME, POWERTOOLS_SERVICE_NAME: 'create-room', POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE } satisfies CreateRoomEnv,
  moderation: {
    TABLE_NAME,
    EVENT_API_URL: 'https://bench.appsync-api.us-east-1.amazonaws.com/event',
    POWERTOOLS_SERVICE_NAME: 'moderation',
    POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
  } satisfies ModerationEnv,
  members: {
    TABLE_NAME,
    EVENT_API_URL: 'https://bench.appsync-api.us-east-1.amazonaws.com/event',
    POWERTOOLS_SERVICE_NAME: 'members',
    POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
  } satisfies MembersEnv,
  profile: { TABLE_NAME, POWERTOOLS_SERVICE_NAME: 'profile', POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE } satisfies ProfileEnv,
  reports: { TABLE_NAME, POWERTOOLS_SERVICE_NAME: 'reports', POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE } satisfies ReportsEnv,
  'pre-token-generation': { TABLE_NAME, POWERTOOLS_SERVICE_NAME: 'pre-token-generation', POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE } satisfies PreTokenGenerationEnv,
  'pre-sign-up': { SIGNUP_POLICY: 'open', POWERTOOLS_SERVICE_NAME: 'pre-sign-up', POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE } satisfies PreSignUpEnv,
};

/** The execution environment's variables: the runtime's own, dummy role credentials, then the deployment's. */
function lambdaEnv(functionName: string, memoryMb: number, env: Record<string, string>): Record<string, string> {
  return buildLambdaEnvironment({
    functionName,
    region: 'us-east-1',
    memoryMb,
    nodeMajorVersion: LAMBDA_RUNTIME.nodeMajor,
    logStreamName: '2026/01/01/[$LATEST]00000000000000000000000000000000',
    env: {
      ...env,
      AWS_ACCESS_KEY_ID: 'ASIABENCHLAMBDAINIT0',
      AWS_SECRET_ACCESS_KEY: 'bench-lambda-init-secret',
      AWS_SESSION_TOKEN: 'bench-lambda-init-token',
      TZ: ':UTC',
    },
  });
}

type Kind = 'lambda' | 'baseline' | 'probe';

interface Target {
  name: string;
  kind: Kind;
  entry: BundleEntry;
  env: Record<string, string>;
}

const persistEnv = lambdaEnv('persist-messages', functionSettings['persist-messages'].memoryMb, deployedEnv['persist-messages']);

/**
 * JavaScript standing in for a module: each of its exports (as the real module has them now) a
 * function returning `value`, which loads nothing.
 */
async function stubOf(specifier: string, value: string): Promise<string> {
  const names = Object.keys((await import(specifier)) as object).filter((name) => name !== 'default');
  return [`const value = ${value};`, 'const make = () => value;', `export { ${names.map((name) => `make as ${name}`).join(', ')} };`].join('\n');
}

/** Logger and metrics whose every method does nothing. */
const noOp = 'new Proxy({}, { get: () => () => undefined })';
const powertoolsStubs: Stub[] = [
  { filter: /\/lib\/logger\.ts$/, contents: await stubOf('../functions/lib/logger.ts', noOp) },
  { filter: /\/lib\/metrics\.ts$/, contents: await stubOf('../functions/lib/metrics.ts', noOp) },
];
/** Every schema accepts anything as it is. */
const acceptAll = '{ safeParse: (data) => ({ success: true, data }), check: () => value }';
const zodStubs: Stub[] = [
  { filter: /^zod\/mini$/, contents: await stubOf('zod/mini', acceptAll) },
  { filter: /^zod\/locales$/, contents: await stubOf('zod/locales', acceptAll) },
];

/** Node's floor, and persist-messages with one dependency stubbed out: what that dependency costs it. */
const probes: Target[] = [
  { name: 'empty module (Node alone)', kind: 'probe', entry: { source: 'export const handler = async () => undefined;', name: 'empty.ts' }, env: persistEnv },
  {
    name: 'persist-messages without Powertools (logger, metrics stubbed)',
    kind: 'probe',
    entry: { file: 'functions/persist-messages/handler.ts', stubs: powertoolsStubs },
    env: persistEnv,
  },
  {
    name: 'persist-messages without zod (env and request checks stubbed)',
    kind: 'probe',
    entry: { file: 'functions/persist-messages/handler.ts', stubs: zodStubs },
    env: persistEnv,
  },
];

const targets: Target[] = [
  ...functionNames.map((name) => ({
    name,
    kind: 'lambda' as const,
    entry: { file: `functions/${name}/handler.ts` },
    env: lambdaEnv(name, functionSettings[name].memoryMb, deployedEnv[name]),
  })),
  { name: 'baseline (one PutItem)', kind: 'baseline', entry: { file: 'bench/lambda-baseline.ts' }, env: persistEnv },
  ...probes,
];

interface Measured extends Target {
  bundle: LambdaBundle;
  initMs: number[];
  wallMs: number[];
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const ms = (value: number) => value.toFixed(1);
const times = (ratio: number) => `${ratio.toFixed(2)}×`;

async function measure(dir: string): Promise<Measured[]> {
  const measured: Measured[] = [];
  for (const [index, target] of targets.entries()) {
    const bundle = await bundleLambda(target.entry, join(dir, `${index}-${target.name.replace(/\W+/g, '-')}.mjs`));
    measured.push({ ...target, bundle, initMs: [], wallMs: [] });
  }
  for (let round = 0; round < WARM_UP_ROUNDS + RUNS; round += 1) {
    for (let i = 0; i < measured.length; i += 1) {
      const target = measured[(round + i) % measured.length]!;
      const sample = await coldInit(target.bundle.file, target.env);
      if (round < WARM_UP_ROUNDS) continue;
      target.initMs.push(sample.initMs);
      target.wallMs.push(sample.wallMs);
    }
  }
  return measured;
}

function report(measured: Measured[]): string {
  const baseline = measured.find((m) => m.kind === 'baseline')!;
  const persist = measured.find((m) => m.name === 'persist-messages')!;
  const empty = measured.find((m) => m.name.startsWith('empty module'))!;
  const sizeRatio = persist.bundle.bytes / baseline.bundle.bytes;
  const initRatio = median(persist.initMs) / median(baseline.initMs);
  const pairedRatios = persist.initMs.map((sample, i) => sample / baseline.initMs[i]!);
  const verdict = (ratio: number) => (ratio <= TARGET ? 'meets' : '**misses**');

  const rows = measured.map(
    (m) =>
      `| ${m.kind === 'probe' ? `probe: ${m.name}` : m.name} | ${m.bundle.bytes.toLocaleString('en')} | ${times(m.bundle.bytes / baseline.bundle.bytes)} ` +
      `| ${ms(median(m.initMs))} | ${ms(percentile(m.initMs, 90))} | ${times(median(m.initMs) / median(baseline.initMs))} | ${ms(median(m.wallMs))} |`,
  );

  const persistOwners = bytesByOwner(persist.bundle);
  const baselineOwners = bytesByOwner(baseline.bundle);
  const owners = [...persistOwners].slice(0, 8).map(
    ([who, bytes]) =>
      `| ${who} | ${bytes.toLocaleString('en')} | ${((bytes / persist.bundle.bytes) * 100).toFixed(1)} % | ${(baselineOwners.get(who) ?? 0).toLocaleString('en')} |`,
  );
  const sdk = (owners: Map<string, number>) => (owners.get('@aws-sdk/*') ?? 0) + (owners.get('@smithy/*') ?? 0);
  /**
   * What persist-messages pays for the dependency a probe stubs out: bytes, and init as the median
   * of per-round differences (the two ran moments apart, so a slow spell of the machine cancels).
   */
  const costOf = (probeName: string) => {
    const probe = measured.find((m) => m.name.startsWith(probeName))!;
    const differences = persist.initMs.map((sample, i) => sample - probe.initMs[i]!);
    return `${kB(persist.bundle.bytes - probe.bundle.bytes)} and ${ms(median(differences))} ms of init`;
  };

  return [
    `Each function bundled as the deployment bundles it (\`functionBundling\` in amplify/definition.ts: esbuild, ESM, target node${LAMBDA_RUNTIME.nodeMajor}, minified, every dependency inside); ` +
      `the baseline is \`bench/lambda-baseline.ts\` (one PutItem through \`@aws-sdk/lib-dynamodb\`), bundled the same way. ` +
      `Size: the \`.mjs\` alone, without its source map. Init: \`await import(bundle)\` timed with \`performance.now()\` inside a fresh \`node\` process ` +
      `(the module creates its handler at import) with the function's deployed variables and dummy credentials, no network; ` +
      `wall: spawn to exit. Medians of ${RUNS} runs per bundle, interleaved round-robin after ${WARM_UP_ROUNDS} warm-up rounds, ` +
      `on this machine's Node (the Lambda runs Node ${LAMBDA_RUNTIME.nodeMajor}). Probes are measured alongside; a stubbed one does not work, it only shows what the stubbed part costs.`,
    '',
    '| bundle | bytes | × baseline | init median ms | init p90 ms | × baseline | process wall median ms |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `- persist-messages / baseline, size: **${times(sizeRatio)}** (target ≤ ${TARGET}×), ${verdict(sizeRatio)}.`,
    `- persist-messages / baseline, init: **${times(initRatio)}** (target ≤ ${TARGET}×), ${verdict(initRatio)}; ` +
      `ratio per round: median ${times(median(pairedRatios))}, p10–p90 ${times(percentile(pairedRatios, 10))}–${times(percentile(pairedRatios, 90))}.`,
    '',
    '**What costs what** in persist-messages (bytes by package from the esbuild metafile; init from the probes):',
    '',
    '| package | persist-messages bytes | share | baseline bytes |',
    '|---|---:|---:|---:|',
    ...owners,
    '',
    `- Node itself: importing an empty module takes ${ms(median(empty.initMs))} ms, a whole process ${ms(median(empty.wallMs))} ms.`,
    `- The AWS SDK (\`@aws-sdk/*\`, \`@smithy/*\`): ${kB(sdk(persistOwners))} of persist-messages' ${kB(persist.bundle.bytes)}, ` +
      `as in the baseline (${kB(sdk(baselineOwners))} of ${kB(baseline.bundle.bytes)}), whose init is ${ms(median(baseline.initMs) - median(empty.initMs))} ms above the empty module's.`,
    `- Powertools Logger and Metrics (\`functions/lib/logger.ts\`, \`metrics.ts\`): ${costOf('persist-messages without Powertools')}.`,
    `- zod/mini with its English messages (env and request checks): ${costOf('persist-messages without zod')}.`,
    `- Our own code (functions/, core/): ${kB(persistOwners.get('our code (functions/, core/)') ?? 0)}.`,
    `- All told, persist-messages carries ${kB(persist.bundle.bytes - baseline.bundle.bytes)} and ${ms(median(persist.initMs.map((sample, i) => sample - baseline.initMs[i]!)))} ms of init ` +
      '(median per-round difference) more than the baseline.',
  ].join('\n');
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-bench-lambda-'));
  try {
    const body = report(await measure(dir));
    console.log(body);
    if (RECORD) await appendReport('bench:lambda (bundle size, cold init)', 'npm run bench:lambda', body);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();

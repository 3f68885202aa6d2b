/**
 * The local cloud as a child process (`local/cli.ts`), for runs that measure its memory or kill
 * it: peak RSS comes from `/proc/<pid>/status` (VmHWM), a crash is a real SIGKILL, and a restart
 * reuses the same flags (fixed ports, same `--data`), as an operator restarting it would.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { AmplifyOutputs } from '../../core/outputs.ts';
import { type IamKeys, iamCredentialsFrom } from '../../local/outputs-iam-credentials.ts';

export interface CloudProcessOptions {
  /** Directory for `--data` and the outputs file. */
  dir: string;
  /** Extra flags, e.g. `['--rate-limit', 'off', '--load-users', '200']`. */
  flags?: string[];
  /** Upper bound on start-up (default 120 s). */
  startTimeoutMs?: number;
}

export interface CloudProcess {
  outputs: AmplifyOutputs;
  /** The events origin, `http://127.0.0.1:<port>`. */
  eventsOrigin: string;
  /** The DynamoDB server (dynalite) the cloud stores in, for inspecting what is on disk. */
  dynamoEndpoint: string;
  /** The running cloud's admin token (`x-appsync-events-local-token`); each start makes a new one. */
  adminToken(): string;
  /** The running cloud's all-roles IAM credentials (`custom.local.iam_credentials`); each start draws a new secret. */
  iamCredentials(): IamKeys;
  pid(): number;
  /** Peak and current resident set of the running process, in MiB. */
  memory(): Promise<{ peakMiB: number; rssMiB: number }>;
  /** SIGKILL, then the same command again on the same ports and data; resolves when READY. */
  crashAndRestart(): Promise<{ downMs: number }>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
}

/** A base port with its three neighbours free on loopback (the cloud takes n … n+3). */
export async function freePortBase(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const base = 20_000 + Math.floor(Math.random() * 40_000);
    const free = await Promise.all([0, 1, 2, 3].map((offset) => isFree(base + offset)));
    if (free.every(Boolean)) return base;
  }
  throw new Error('no four consecutive free ports found');
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export async function startCloudProcess(options: CloudProcessOptions): Promise<CloudProcess> {
  const port = await freePortBase();
  const outputsFile = join(options.dir, 'amplify_outputs.json');
  const dataDir = join(options.dir, 'data');
  const args = ['--port', String(port), '--data', dataDir, '--outputs', outputsFile, ...(options.flags ?? [])];
  const timeoutMs = options.startTimeoutMs ?? 120_000;
  let child = await launch(args, timeoutMs);
  const readOutputs = async () => JSON.parse(await readFile(outputsFile, 'utf8')) as AmplifyOutputs;
  const outputs = await readOutputs();
  let adminToken = outputs.custom.local?.admin_token ?? '';
  let iamCredentials = iamCredentialsFrom(outputs);

  const status = async (field: string): Promise<number> => {
    const text = await readFile(`/proc/${child.pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
    return match ? Number(match[1]) / 1024 : Number.NaN;
  };

  return {
    outputs,
    eventsOrigin: new URL(outputs.custom.events.url).origin,
    dynamoEndpoint: `http://127.0.0.1:${port + 3}`,
    adminToken: () => adminToken,
    iamCredentials: () => iamCredentials,
    pid: () => child.pid ?? -1,
    memory: async () => ({ peakMiB: await status('VmHWM'), rssMiB: await status('VmRSS') }),
    async crashAndRestart() {
      const started = performance.now();
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
      // The restarted cloud reports checking its indexes after the kill: expected here, so not printed.
      child = await launch(args, timeoutMs, (line) => line.startsWith(`[dynamodb] ${dataDir}`) && line.includes(' was not closed cleanly; '));
      const restarted = await readOutputs();
      adminToken = restarted.custom.local?.admin_token ?? '';
      iamCredentials = iamCredentialsFrom(restarted);
      return { downMs: performance.now() - started };
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Starts `local/cli.ts`; its stderr goes on to ours line by line, except lines `expected` says are. */
async function launch(args: string[], timeoutMs: number, expected: (line: string) => boolean = () => false): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/cli.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1' },
  });
  createInterface({ input: child.stderr! }).on('line', (line) => {
    if (!expected(line)) process.stderr.write(`${line}\n`);
  });
  const lines = createInterface({ input: child.stdout! });
  let timer: NodeJS.Timeout | undefined;
  try {
    const [line] = (await Promise.race([
      once(lines, 'line'),
      once(child, 'exit').then(([code]) => {
        throw new Error(`local/cli.ts exited with ${String(code)} before READY`);
      }),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`local/cli.ts not READY after ${timeoutMs} ms`)), timeoutMs);
      }),
    ])) as [string];
    if (!line.startsWith('READY ')) throw new Error(`local/cli.ts printed ${line}`);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    clearTimeout(timer);
    lines.close();
  }
  // Keep draining stdout so a chatty child never blocks on a full pipe.
  child.stdout!.resume();
  return child;
}

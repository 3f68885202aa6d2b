/**
 * The cloud assembly the local cloud runs: `amplify/backend.ts` synthesized offline, as a branch
 * deploy, into `.local/synth/<hash of the inputs>/`, and reused while the inputs are unchanged.
 *
 * Concurrent starts (parallel test files, `npm run dev` beside a test run) share one synth: the
 * first claims `<hash>.lock` (mkdir is atomic), synthesizes into a directory of its own and
 * renames it into place (atomic too), so a reader never sees half an assembly. The others watch
 * the cache folder until the assembly appears or the lock goes away without it (a failed synth:
 * they try themselves, and fail with the same message).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, watch } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { hashSynthInputs } from './synth-inputs.ts';

const run = promisify(execFile);

/** The synth's settings: a branch deploy, no setting from the caller's shell (PARLEY_* are cleared). */
export const LOCAL_SYNTH_CONTEXT = {
  'amplify-backend-namespace': 'parley',
  'amplify-backend-name': 'local',
  'amplify-backend-type': 'branch',
};
/** A branch deploy must name its app's origins; locally the app is the dev server's. */
export const LOCAL_SYNTH_SETTINGS: Record<string, string> = {
  PARLEY_APP_ORIGINS: 'http://localhost:5173,http://127.0.0.1:5173',
};

/** Assemblies kept besides the newest; older ones are removed after a synth. */
const KEPT_ASSEMBLIES = 3;
/** How often a waiter checks that the lock's owner is still alive (a killed owner never releases it). */
const OWNER_CHECK_MS = 1000;

export interface CachedSynthOptions {
  /** Repository root. */
  rootDir: string;
  /** Where assemblies are kept; default `$PARLEY_SYNTH_CACHE`, else `<rootDir>/.local/synth`. */
  cacheDir?: string;
  /** Told once when a synth starts (it takes a while); default: a line on stderr. */
  onSynth?: (hash: string) => void;
  /** Writes a cloud assembly into `outdir`; default: `tsx amplify/backend.ts` in `rootDir` (tests give another). */
  synth?: (outdir: string) => Promise<void>;
}

export interface CachedAssembly {
  /** The `cdk.out` directory. */
  directory: string;
  hash: string;
  /** Whether this call ran the synth (false: found in the cache, or made by a concurrent start). */
  synthesized: boolean;
}

/** The environment `npm run synth` gives the backend, with the local settings and nothing of the caller's PARLEY_*. */
export function localSynthEnv(outdir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('PARLEY_') || name.startsWith('CDK_')) delete env[name];
  return {
    ...env,
    ...LOCAL_SYNTH_SETTINGS,
    CDK_OUTDIR: outdir,
    CDK_CONTEXT_JSON: JSON.stringify(LOCAL_SYNTH_CONTEXT),
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

export async function cachedSynth(options: CachedSynthOptions): Promise<CachedAssembly> {
  // The environment variable lets a CI job keep the cache where it caches things, or a run start cold.
  const cacheDir = options.cacheDir ?? process.env.PARLEY_SYNTH_CACHE ?? join(options.rootDir, '.local', 'synth');
  await mkdir(cacheDir, { recursive: true });
  const hash = await hashSynthInputs(options.rootDir, { ...LOCAL_SYNTH_SETTINGS, context: JSON.stringify(LOCAL_SYNTH_CONTEXT) });
  const directory = join(cacheDir, hash);
  const lock = join(cacheDir, `${hash}.lock`);
  const found = async (synthesized: boolean): Promise<CachedAssembly> => {
    await markInUse(cacheDir, hash);
    return { directory, hash, synthesized };
  };
  for (;;) {
    if (existsSync(join(directory, 'manifest.json'))) return found(false);
    if (await claim(lock)) {
      try {
        // Another start may have finished between the look above and the claim.
        if (existsSync(join(directory, 'manifest.json'))) return await found(false);
        (options.onSynth ?? ((h) => process.stderr.write(`local cloud: synthesizing the backend into ${join(cacheDir, h)}…\n`)))(hash);
        await synthesize(cacheDir, directory, options.synth ?? ((outdir) => synthBackend(options.rootDir, outdir)));
        await markInUse(cacheDir, hash);
        await prune(cacheDir, hash);
        return { directory, hash, synthesized: true };
      } finally {
        await rm(lock, { recursive: true, force: true });
      }
    }
    await released(cacheDir, lock, directory);
  }
}

/**
 * Records that this process runs the assembly: its functions load their code at their first
 * invocation, maybe long after the start, so `prune` keeps an assembly a live process uses.
 */
async function markInUse(cacheDir: string, hash: string): Promise<void> {
  await mkdir(join(cacheDir, `${hash}.users`), { recursive: true });
  await writeFile(join(cacheDir, `${hash}.users`, String(process.pid)), '');
}

async function inUse(cacheDir: string, hash: string): Promise<boolean> {
  const pids = await readdir(join(cacheDir, `${hash}.users`)).catch(() => []);
  return pids.some((pid) => processAlive(Number(pid)));
}

async function claim(lock: string): Promise<boolean> {
  try {
    await mkdir(lock);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  await writeFile(join(lock, 'owner'), String(process.pid));
  return true;
}

/** `npm run synth`, into `outdir`, in a process of its own. */
async function synthBackend(rootDir: string, outdir: string): Promise<void> {
  await run(join(rootDir, 'node_modules/.bin/tsx'), ['amplify/backend.ts'], {
    cwd: rootDir,
    env: localSynthEnv(outdir),
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: Error & { stderr?: string }) => {
    throw new Error(`The backend's synth failed (amplify/backend.ts), so the local cloud has nothing to run:\n${error.stderr || error.message}`);
  });
}

async function synthesize(cacheDir: string, directory: string, synth: (outdir: string) => Promise<void>): Promise<void> {
  const staging = join(cacheDir, `${directory.slice(cacheDir.length + 1)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await synth(staging);
    await rename(staging, directory);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Keeps the newest assemblies, and any a live process runs; removes the others. */
async function prune(cacheDir: string, keep: string): Promise<void> {
  const entries = (await readdir(cacheDir)).filter((name) => /^[0-9a-f]{32}$/.test(name) && name !== keep);
  const dated = await Promise.all(entries.map(async (name) => ({ name, mtime: (await stat(join(cacheDir, name))).mtimeMs })));
  const old = dated.sort((a, b) => b.mtime - a.mtime).slice(KEPT_ASSEMBLIES - 1);
  for (const { name } of old) {
    if (await inUse(cacheDir, name)) continue;
    await rm(join(cacheDir, name), { recursive: true, force: true });
    await rm(join(cacheDir, `${name}.users`), { recursive: true, force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Resolves once the assembly exists or the lock is gone: on any change in the cache folder. A lock
 * whose owner died (killed mid-synth) is removed, so the next claim can go ahead.
 */
function released(cacheDir: string, lock: string, directory: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (error?: unknown): void => {
      if (done) return;
      done = true;
      watcher.close();
      clearInterval(ownerCheck);
      if (error) reject(error);
      else resolve();
    };
    const look = (): void => {
      if (existsSync(join(directory, 'manifest.json')) || !existsSync(lock)) finish();
    };
    const checkOwner = (): void => {
      readFile(join(lock, 'owner'), 'utf8').then(
        (pid) => {
          if (pid !== '' && !processAlive(Number(pid))) return rm(lock, { recursive: true, force: true }).then(look);
        },
        () => look(),
      ).catch(finish);
    };
    const watcher = watch(cacheDir, look);
    watcher.on('error', finish);
    const ownerCheck = setInterval(checkOwner, OWNER_CHECK_MS);
    // Watching first, then looking: a change in between is seen either way.
    look();
  });
}

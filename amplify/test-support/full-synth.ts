/**
 * The full synth of the backend (what `npm run synth` and a deployment run: a separate process,
 * every function bundled with esbuild) as a branch deploy, shared by the infra test files of one
 * Vitest run: it takes a minute or two, so the first file to ask runs it and the others wait for
 * its result. The directory comes from `full-synth-setup.ts`, which removes it after the run.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { inject } from 'vitest';

const run = promisify(execFile);
export const root = fileURLToPath(new URL('../..', import.meta.url));
export const tsx = join(root, 'node_modules/.bin/tsx');

const BRANCH_CONTEXT = JSON.stringify({
  'amplify-backend-namespace': 'parley',
  'amplify-backend-name': 'main',
  'amplify-backend-type': 'branch',
});

/** The environment `npm run synth` gives the backend, minus anything the caller leaves out. */
export function synthEnv(outdir: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: BRANCH_CONTEXT, AWS_EC2_METADATA_DISABLED: 'true', ...extra };
  for (const name of Object.keys(env)) if (name.startsWith('PARLEY_') && !(name in extra)) delete env[name];
  return env;
}

/**
 * The settings of the shared synth. Invite-only, so the one setting the in-process template tests
 * cannot cover is checked too (amplify/checkers.test.ts).
 */
export const FULL_SYNTH_SETTINGS = { PARLEY_APP_ORIGINS: 'https://main.d1234abcd.amplifyapp.com', PARLEY_SIGNUP: 'invite' };

interface Outcome {
  error?: string;
}

/** mkdir is atomic: exactly one caller creates the claim. */
function claim(path: string): boolean {
  try {
    mkdirSync(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Resolves with the file's text once it exists; it is written whole (renamed into place). */
function whenWritten(dir: string, name: string): Promise<string> {
  const path = join(dir, name);
  return new Promise((resolve, reject) => {
    const settle = (): void => {
      if (!existsSync(path)) return;
      watcher.close();
      resolve(readFileSync(path, 'utf8'));
    };
    const watcher = watch(dir, settle);
    watcher.on('error', reject);
    // Watching first, then looking: a file renamed in between is seen either way.
    settle();
  });
}

/** The assembly directory (`cdk.out`) of the shared full synth. */
export async function fullSynth(): Promise<string> {
  const cache = inject('fullSynthDir');
  const outdir = join(cache, 'cdk.out');
  if (claim(join(cache, 'claimed'))) {
    const outcome: Outcome = await run(tsx, ['amplify/backend.ts'], { cwd: root, env: synthEnv(outdir, FULL_SYNTH_SETTINGS), maxBuffer: 16 * 1024 * 1024 }).then(
      () => ({}),
      (error: Error & { stderr?: string }) => ({ error: `${error.message}\n${error.stderr ?? ''}` }),
    );
    writeFileSync(join(cache, 'outcome.tmp'), JSON.stringify(outcome));
    renameSync(join(cache, 'outcome.tmp'), join(cache, 'outcome.json'));
  }
  const outcome = JSON.parse(await whenWritten(cache, 'outcome.json')) as Outcome;
  if (outcome.error) throw new Error(`the shared synth failed: ${outcome.error}`);
  return outdir;
}

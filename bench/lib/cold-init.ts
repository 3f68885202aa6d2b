import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

export interface ColdInit {
  /** `await import(bundle)` inside the fresh process: load, compile, run the module's top level. */
  initMs: number;
  /** From spawning the process to its exit, Node's own start-up included. */
  wallMs: number;
}

/**
 * What the fresh process runs: import the bundle as the Lambda runtime does, check that it
 * exports a handler, and print the time on a line of its own (the module may log before it).
 */
const CHILD = [
  'const started = performance.now();',
  'const module = await import(process.argv[1]);',
  'const initMs = performance.now() - started;',
  "if (typeof module.handler !== 'function') throw new Error('the bundle exports no handler');",
  "process.stdout.write('\\n' + JSON.stringify({ initMs }) + '\\n');",
].join('\n');

/**
 * Imports `bundle` in a new Node process whose environment is exactly `env` (as a Lambda's is
 * what its runtime and deployment set, nothing of the benchmark's), and times it.
 */
export function coldInit(bundle: string, env: Record<string, string>): Promise<ColdInit> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let exitedAt = 0;
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD, pathToFileURL(bundle).href], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', () => (exitedAt = performance.now()));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`importing ${bundle} exited with ${code}: ${stderr}`));
      const last = stdout.trim().split('\n').at(-1) ?? '';
      const { initMs } = JSON.parse(last) as { initMs: number };
      resolve({ initMs, wallMs: exitedAt - started });
    });
  });
}

import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface ChildServer {
  /** What followed `READY ` on the child's first line. */
  ready: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Runs a TypeScript entry point in its own process (so it has a core of its own) until it prints `READY …`. */
export async function startChildServer(entry: string, args: string[]): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`${entry} exited with ${code} before READY`);
    }),
  ])) as [string];
  if (!line.startsWith('READY ')) throw new Error(`${entry} printed ${line}`);
  // A server that dies mid-run would leave the benchmark waiting for frames that never come.
  let stopping = false;
  child.on('exit', (code, signal) => {
    if (stopping) return;
    process.stderr.write(`${entry} exited during the benchmark (${signal ?? code})\n`);
    process.exit(1);
  });
  return {
    ready: line.slice('READY '.length),
    child,
    async stop() {
      if (child.exitCode !== null) return;
      stopping = true;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

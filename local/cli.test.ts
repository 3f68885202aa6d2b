import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import type { AmplifyOutputs } from '../core/outputs.ts';

const children: ChildProcess[] = [];
const dirs: string[] = [];

function runCli(args: string[]): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/cli.ts', ...args], {
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

async function firstLine(child: ChildProcess): Promise<string> {
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await once(lines, 'line')) as [string];
  lines.close();
  return line;
}

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('npm run local', () => {
  it('prints READY with the outputs file, writes it, and exits cleanly on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-cli-'));
    dirs.push(dir);
    const outputsFile = join(dir, 'amplify_outputs.json');
    const child = runCli(['--port', '0', '--memory', '--outputs', outputsFile]);
    const stderr: Buffer[] = [];
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));

    const line = await firstLine(child);
    const outputs = JSON.parse(await readFile(outputsFile, 'utf8')) as AmplifyOutputs;
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');

    expect(line).toBe(`READY ${outputsFile}`);
    expect(outputs.custom.events.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/event$/);
    expect(outputs.custom.events.default_authorization_type).toBe('AMAZON_COGNITO_USER_POOLS');
    expect(Object.values(outputs.custom.API)[0]?.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(outputs.auth.user_pool_id).toBeTruthy();
    expect(outputs.auth.groups).toEqual([{ moderators: { precedence: 0 } }]);
    expect(outputs.custom.local?.users.filter((u) => u.groups.includes('moderators'))).toHaveLength(1);
    expect(outputs.custom.local?.users.filter((u) => u.groups.length === 0).length).toBeGreaterThanOrEqual(2);
    expect(outputs.custom.local?.admin_token).toMatch(/^[0-9a-f]{64}$/);
    expect(code).toBe(0);
    // It says which Node its Lambdas run under, against the deployed runtime.
    expect(Buffer.concat(stderr).toString()).toContain(`Lambdas run in this process on Node ${process.version}; AWS runs them on nodejs24.x`);
  });

  it('refuses a bad flag with a usage message and exit code 2', async () => {
    const child = runCli(['--port', 'nope']);
    const stderr: Buffer[] = [];
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));

    const [code] = await once(child, 'exit');

    expect(code).toBe(2);
    expect(Buffer.concat(stderr).toString()).toContain('--port must be');
  });
});

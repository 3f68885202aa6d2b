/**
 * The command line end to end: `bin/appsync-events-local.mjs` (the `npx appsync-events-local`
 * shim) as a child process on the synthesized seed app, with a `--users` file: it writes the
 * outputs file, says READY, lets a seeded user sign in to its pool, and exits 0 on SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { EmulatorOutputs } from '../src/index.ts';
import { buildApiKeyApp } from './fixtures/api-key-app.ts';
import { buildSeedApp } from './fixtures/seed-app.ts';
import { removeSynthesizedFixtures, synthFixture } from './fixtures/synth-fixture.ts';

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '../bin/appsync-events-local.mjs');
const ANA = { username: 'ana@example.test', password: 'Seed-passw0rd!', groups: [], attributes: { name: 'Ana' } };

const children: ChildProcess[] = [];
const dirs: string[] = [];

function runCli(args: string[]): { child: ChildProcess; stderr: () => string } {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const chunks: Buffer[] = [];
  child.stderr!.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { child, stderr: () => Buffer.concat(chunks).toString() };
}

/** The first line on stdout, or the exit code if the process ends before writing one. */
async function firstLine(child: ChildProcess): Promise<string> {
  const lines = createInterface({ input: child.stdout! });
  const line = await Promise.race([
    once(lines, 'line').then(([text]) => text as string),
    once(child, 'exit').then(([code]) => `exited ${String(code)}`),
  ]);
  lines.close();
  return line;
}

async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'appsync-events-local-cli-'));
  dirs.push(dir);
  return dir;
}

function initiateAuth(outputs: EmulatorOutputs, username: string, password: string) {
  return fetch(outputs.custom.local.user_pool_endpoint!, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: outputs.auth!.user_pool_client_id,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  });
}

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

afterAll(() => removeSynthesizedFixtures());

describe('npx appsync-events-local', () => {
  it('serves the seed app: READY after the outputs file, a --users account signs in, SIGTERM exits 0', async () => {
    const dir = await scratchDir();
    const usersFile = join(dir, 'users.json');
    const outputsFile = join(dir, 'out', 'amplify_outputs.json');
    await writeFile(usersFile, JSON.stringify([ANA]));
    const { child, stderr } = runCli(['--cdk-out', await synthFixture('seed', buildSeedApp), '--port', '0', '--memory', '--outputs', outputsFile, '--users', usersFile]);

    const line = await firstLine(child);
    const outputs = JSON.parse(await readFile(outputsFile, 'utf8')) as EmulatorOutputs;
    const signIn = await initiateAuth(outputs, ANA.username, ANA.password);
    const wrongPassword = await initiateAuth(outputs, ANA.username, 'Not-her-passw0rd!');
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');

    expect(line, stderr()).toBe(`READY ${outputsFile}`);
    expect(outputs.auth?.user_pool_id).toBeTruthy();
    expect(outputs.custom.events).toEqual({
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/event$/),
      aws_region: 'us-east-1',
      default_authorization_type: 'AMAZON_COGNITO_USER_POOLS',
    });
    expect(outputs.custom.local).toEqual({
      user_pool_endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      users: [{ username: ANA.username, password: ANA.password, displayName: 'Ana', groups: [] }],
      admin_token: expect.stringMatching(/^[0-9a-f]{64}$/),
      // The run's all-roles credentials: a fixed, recognisable key id and a secret drawn for this run.
      iam_credentials: { access_key_id: 'AKIAEVENTSLOCAL00000', secret_access_key: expect.stringMatching(/^[A-Za-z0-9+/]{40}$/) },
    });
    expect(signIn.status).toBe(200);
    expect(((await signIn.json()) as { AuthenticationResult?: { IdToken?: string } }).AuthenticationResult?.IdToken).toBeTruthy();
    expect(wrongPassword.status).toBe(400);
    expect(code).toBe(0);
  });

  it('refuses a bad --users file before starting anything: the entry named, exit 2', async () => {
    const dir = await scratchDir();
    const usersFile = join(dir, 'users.json');
    await writeFile(usersFile, JSON.stringify([ANA, { username: 'ben', password: 'x', attributes: { email: 'ben' } }]));
    const { child, stderr } = runCli(['--cdk-out', dir, '--users', usersFile]);

    const [code] = await once(child, 'exit');

    expect(code).toBe(2);
    expect(stderr()).toContain(`--users ${usersFile}: entry 1 (ben): attributes.email must be an email address`);
  });

  it('exits 1 naming a user whose username does not fit the pool, which signs in by email', async () => {
    const dir = await scratchDir();
    const usersFile = join(dir, 'users.json');
    await writeFile(usersFile, JSON.stringify([ANA, { username: 'ben', password: ANA.password }]));
    const { child, stderr } = runCli(['--cdk-out', await synthFixture('seed', buildSeedApp), '--port', '0', '--users', usersFile, '--outputs', join(dir, 'outputs.json')]);

    const line = await firstLine(child);
    const [code] = child.exitCode === null ? await once(child, 'exit') : [child.exitCode];

    expect(line).toBe('exited 1');
    expect(code).toBe(1);
    expect(stderr()).toContain('failed to start: seeded user "ben": the user pool signs in by email (UsernameAttributes), and this is not an email address');
  });

  it('exits 1 when --users names users and the template has no user pool to seed them into', async () => {
    const dir = await scratchDir();
    const usersFile = join(dir, 'users.json');
    await writeFile(usersFile, JSON.stringify([ANA]));
    const { child, stderr } = runCli(['--cdk-out', await synthFixture('api-key', buildApiKeyApp), '--port', '0', '--users', usersFile, '--outputs', join(dir, 'outputs.json')]);

    const line = await firstLine(child);
    const [code] = child.exitCode === null ? await once(child, 'exit') : [child.exitCode];

    expect(line).toBe('exited 1');
    expect(code).toBe(1);
    expect(stderr()).toContain(`failed to start: --users ${usersFile}: the template has no user pool to seed them into`);
  });

  it('exits 1 with the reason when the emulator cannot start', async () => {
    const dir = await scratchDir();
    const { child, stderr } = runCli(['--cdk-out', join(dir, 'no-such-cdk.out'), '--port', '0']);

    const [code] = await once(child, 'exit');

    expect(code).toBe(1);
    expect(stderr()).toMatch(/^appsync-events-local: failed to start: .*no-such-cdk\.out/m);
  });
});

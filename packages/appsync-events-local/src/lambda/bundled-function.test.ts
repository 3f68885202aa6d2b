/**
 * The runner with deployed code: an asset folder run in a worker thread of its own, as Lambda runs
 * a function's bundle (module-scope code once per cold start, its own environment).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFaults } from '../faults.ts';
import { LambdaFunctionError, LambdaTimeoutError } from './lambda-errors.ts';
import { createLambdaRunner, type LambdaRunner } from './lambda-runner.ts';

let dir: string;
let runner: LambdaRunner | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-bundle-'));
});

afterEach(async () => {
  runner?.close();
  runner = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** A bundle whose module scope reads its env and counts its loads (in a marker file, across workers). */
const BUNDLE = `
import { appendFileSync, readFileSync } from 'node:fs';
const marker = process.env.MARKER;
appendFileSync(marker, 'x');
if (process.env.FAIL_INIT === readFileSync(marker, 'utf8')) throw new Error('init failed on load ' + process.env.FAIL_INIT.length);
export const handler = async (event, context) => {
  if (event.wait) await new Promise(() => {});
  if (event.fail) throw Object.assign(new Error('bad event'), { name: 'ValidationError' });
  return { greeting: process.env.GREETING, loads: readFileSync(marker, 'utf8').length, remaining: context.getRemainingTimeInMillis() > 0, name: context.functionName, event };
};
`;

function start(env: Record<string, string>, timeoutMs = 5_000): LambdaRunner {
  runner = createLambdaRunner({
    functions: { greeter: { code: { dir, handler: 'index.handler' }, env: { MARKER: join(dir, 'loads'), ...env }, timeoutMs, memoryMb: 128 } },
    faults: createFaults(),
    region: 'eu-west-1',
  });
  return runner;
}

describe('a bundled function', () => {
  beforeEach(async () => {
    await writeFile(join(dir, 'index.mjs'), BUNDLE);
  });

  it('runs its handler export with its own environment, loading the module once', async () => {
    const lambdas = start({ GREETING: 'hello' });

    const first = await lambdas.invoke('greeter', { n: 1 });
    const second = await lambdas.invoke('greeter', { n: 2 });

    expect(first).toEqual({ greeting: 'hello', loads: 1, remaining: true, name: 'greeter', event: { n: 1 } });
    expect(second).toMatchObject({ loads: 1, event: { n: 2 } });
    expect(process.env.GREETING).toBeUndefined();
  });

  it('reports a thrown error as a function error with its type', async () => {
    const lambdas = start({});

    const failure = await lambdas.invoke('greeter', { fail: true }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(LambdaFunctionError);
    expect(failure).toMatchObject({ errorType: 'ValidationError', errorMessage: 'bad event' });
  });

  it('starts a new environment after an init error, as Lambda retries the cold start', async () => {
    const lambdas = start({ FAIL_INIT: 'x' });

    const failure = await lambdas.invoke('greeter', {}).catch((error: unknown) => error);
    const retried = await lambdas.invoke('greeter', {});

    expect(failure).toMatchObject({ errorMessage: 'init failed on load 1' });
    expect(retried).toMatchObject({ loads: 2 });
  });

  it('stops a timed-out environment: the next invocation is a cold start', async () => {
    const lambdas = start({}, 1_500);

    const failure = await lambdas.invoke('greeter', { wait: true }).catch((error: unknown) => error);
    const next = await lambdas.invoke('greeter', {});

    expect(failure).toBeInstanceOf(LambdaTimeoutError);
    expect(next).toMatchObject({ loads: 2 });
  });
});

describe('a function whose asset has no such handler', () => {
  it('fails to initialise, naming the handler', async () => {
    await writeFile(join(dir, 'index.mjs'), 'export const other = () => 1;\n');
    const lambdas = start({});

    const failure = await lambdas.invoke('greeter', {}).catch((error: unknown) => error);

    expect(failure).toMatchObject({ errorType: 'Runtime.HandlerNotFound', errorMessage: 'index.handler is undefined or not exported' });
  });
});

import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFaults, InjectedFault, type Faults } from '../faults.ts';
import { createLambdaRunner, type HandlerFactory, LAMBDA_DEFAULT_MEMORY_MB, LAMBDA_DEFAULT_TIMEOUT_MS, type LambdaFunctionConfig, type LambdaRunner } from './lambda-runner.ts';
import { LambdaFunctionError, LambdaRunnerClosedError, LambdaTimeoutError, UnknownFunctionError } from './lambda-errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let runner: LambdaRunner | undefined;
afterEach(() => {
  runner?.close();
  vi.useRealTimers();
});

function start(history: Partial<LambdaFunctionConfig> & { factory: HandlerFactory }, faults: Faults = createFaults()) {
  runner = createLambdaRunner({
    functions: { history: { env: {}, ...history } },
    faults,
    region: 'eu-west-1',
  });
  return runner;
}

/** A factory recording each cold start's env and each invocation's event and context. */
function recordingFactory(respond: (event: unknown) => unknown = (event) => ({ echoed: event })) {
  const record = { envs: [] as Record<string, string | undefined>[], calls: [] as { event: unknown; context: Context }[] };
  const factory: HandlerFactory = (env) => {
    record.envs.push(env);
    return async (event, context) => {
      record.calls.push({ event, context });
      return respond(event);
    };
  };
  return { factory, record };
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('createLambdaRunner', () => {
  it('creates the handler once, on the first invocation, and keeps it warm', async () => {
    const { factory, record } = recordingFactory();
    const lambdas = start({ factory });

    expect(record.envs).toHaveLength(0);
    await lambdas.invoke('history', { n: 1 });
    const second = await lambdas.invoke('history', { n: 2 });

    expect(record.envs).toHaveLength(1);
    expect(record.calls).toHaveLength(2);
    expect(second).toEqual({ echoed: { n: 2 } });
  });

  it('passes the deployed env with the runtime variables, leaving process.env untouched', async () => {
    const before = { ...process.env };
    const { factory, record } = recordingFactory();
    const lambdas = start({
      factory,
      memoryMb: 512,
      env: { TABLE_NAME: 'parley', AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'secret' },
    });

    await lambdas.invoke('history', {});

    expect(record.envs[0]).toMatchObject({
      TABLE_NAME: 'parley',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_LAMBDA_FUNCTION_NAME: 'history',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/history',
    });
    expect(record.envs[0]?.AWS_LAMBDA_LOG_STREAM_NAME).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(process.env).toEqual(before);
  });

  it('gives each invocation a real-looking context', async () => {
    const { factory, record } = recordingFactory();
    const lambdas = start({ factory, timeoutMs: 5_000, memoryMb: 256 });

    await lambdas.invoke('history', {});
    await lambdas.invoke('history', {});

    const [first, second] = record.calls.map((call) => call.context);
    expect(first).toMatchObject({
      functionName: 'history',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:history',
      memoryLimitInMB: '256',
      logGroupName: '/aws/lambda/history',
      callbackWaitsForEmptyEventLoop: true,
    });
    expect(first?.awsRequestId).toMatch(UUID);
    expect(second?.awsRequestId).not.toBe(first?.awsRequestId);
    expect(second?.logStreamName).toBe(first?.logStreamName);
    const remaining = first?.getRemainingTimeInMillis() ?? -1;
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(5_000);
  });

  it('hands the handler a JSON copy of the event and returns a JSON copy of its result', async () => {
    const event = { at: new Date('2024-01-01T00:00:00Z'), skip: undefined };
    const { factory, record } = recordingFactory(() => ({ when: new Date('2024-01-02T00:00:00Z'), gone: undefined }));
    const lambdas = start({ factory });

    const result = await lambdas.invoke('history', event);

    expect(record.calls[0]?.event).toEqual({ at: '2024-01-01T00:00:00.000Z' });
    expect(result).toEqual({ when: '2024-01-02T00:00:00.000Z' });
  });

  it('returns null when the handler returns nothing', async () => {
    const lambdas = start({ factory: () => async () => undefined });

    await expect(lambdas.invoke('history', {})).resolves.toBeNull();
  });

  it('rejects with a function error when the handler throws', async () => {
    const lambdas = start({
      factory: () => async () => {
        throw new RangeError('no such room');
      },
    });

    const failure = await lambdas.invoke('history', {}).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(LambdaFunctionError);
    expect(failure).toMatchObject({ functionName: 'history', errorType: 'RangeError', errorMessage: 'no such room' });
    expect((failure as Error).cause).toBeInstanceOf(RangeError);
  });

  it('fails the invocation on an init error and retries the cold start next time', async () => {
    let starts = 0;
    const lambdas = start({
      factory: () => {
        starts += 1;
        if (starts === 1) throw new Error('TABLE_NAME is required');
        return async () => 'ok';
      },
    });

    await expect(lambdas.invoke('history', {})).rejects.toMatchObject({ errorMessage: 'TABLE_NAME is required' });
    await expect(lambdas.invoke('history', {})).resolves.toBe('ok');
    expect(starts).toBe(2);
  });

  it('times out a slow handler, which keeps running in-process', async () => {
    const release = deferred();
    const finished = deferred<string>();
    const lambdas = start({
      timeoutMs: 20,
      factory: () => async () => {
        await release.promise;
        finished.resolve('handler finished');
        return 'late';
      },
    });

    const failure = await lambdas.invoke('history', {}).catch((error: unknown) => error);
    release.resolve();

    expect(failure).toBeInstanceOf(LambdaTimeoutError);
    expect(failure).toMatchObject({ errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 0.02 seconds' });
    await expect(finished.promise).resolves.toBe('handler finished');
  });

  it("times out a slow handler at Lambda's default timeout when the template gives none", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { factory, record } = recordingFactory(() => new Promise(() => {}));
    const lambdas = start({ factory });

    const outcome = lambdas.invoke('history', {}).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(0);
    const context = record.calls[0]?.context;
    expect(context?.getRemainingTimeInMillis()).toBe(LAMBDA_DEFAULT_TIMEOUT_MS);
    expect(context?.memoryLimitInMB).toBe(String(LAMBDA_DEFAULT_MEMORY_MB));
    await vi.advanceTimersByTimeAsync(LAMBDA_DEFAULT_TIMEOUT_MS);

    await expect(outcome).resolves.toMatchObject({ errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 3.00 seconds' });
  });

  it('consults the faults before every invocation: an injected failure never reaches the handler', async () => {
    const faults = createFaults();
    const { factory, record } = recordingFactory();
    const lambdas = start({ factory }, faults);
    faults.setLambdaFault('history', { failNext: 1 });

    await expect(lambdas.invoke('history', {})).rejects.toBeInstanceOf(InjectedFault);
    await expect(lambdas.invoke('history', { again: true })).resolves.toEqual({ echoed: { again: true } });
    expect(record.calls).toHaveLength(1);
  });

  it('delays the invocation when the faults say so', async () => {
    const faults = createFaults();
    const lambdas = start({ factory: () => async () => 'ok' }, faults);
    faults.setLambdaFault('history', { delayMs: 50 });

    const startedAt = performance.now();
    await lambdas.invoke('history', {});

    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(45);
  });

  it('refuses an unknown function with a clear error', async () => {
    const lambdas = start({ factory: () => async () => 'ok' });

    await expect(lambdas.invoke('moderation', {})).rejects.toThrow(
      new UnknownFunctionError('moderation', 'arn:aws:lambda:eu-west-1:000000000000:function:moderation'),
    );
  });

  it('refuses a request payload over the 6 MB synchronous limit before invoking', async () => {
    const { factory, record } = recordingFactory();
    const lambdas = start({ factory });

    await expect(lambdas.invoke('history', { blob: 'x'.repeat(6 * 1024 * 1024) })).rejects.toMatchObject({
      name: 'RequestEntityTooLargeException',
    });
    expect(record.envs).toHaveLength(0);
  });

  it('refuses a deployed env that sets a key the runtime reserves', () => {
    expect(() => start({ factory: () => async () => 'ok', env: { AWS_REGION: 'us-east-1' } })).toThrow(/AWS_REGION/);
  });

  it('rejects pending invocations on close', async () => {
    const started = deferred();
    const never = deferred();
    const lambdas = start({
      timeoutMs: 60_000,
      factory: () => () => {
        started.resolve();
        return never.promise;
      },
    });

    const pending = lambdas.invoke('history', {});
    await started.promise;
    lambdas.close();

    await expect(pending).rejects.toBeInstanceOf(LambdaRunnerClosedError);
    await expect(lambdas.invoke('history', {})).rejects.toBeInstanceOf(LambdaRunnerClosedError);
  });
});

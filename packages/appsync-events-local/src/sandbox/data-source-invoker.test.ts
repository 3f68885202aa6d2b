import { describe, expect, it } from 'vitest';
import type { LambdaInvoker } from '../lambda/contracts.ts';
import { LambdaFunctionError } from '../lambda/lambda-errors.ts';
import { createDataSourceInvoker } from './data-source-invoker.ts';
import { DataSourceRequestError } from './data-source-request-error.ts';

const definitions = [{ kind: 'AWS_LAMBDA' as const, name: 'persistMessages', functionName: 'persist-messages' as const }];

function fakeLambdas(answer: (event: unknown) => Promise<unknown>): LambdaInvoker & { calls: [string, unknown][] } {
  const calls: [string, unknown][] = [];
  return {
    calls,
    invoke(name, event) {
      calls.push([name, event]);
      return answer(event);
    },
  };
}

describe('createDataSourceInvoker', () => {
  it('invokes the mapped function with the payload as its event', async () => {
    const lambdas = fakeLambdas(async (event) => ({ echoed: event }));
    const invoker = createDataSourceInvoker(definitions, { lambdas });

    const outcome = await invoker.invoke('persistMessages', { operation: 'Invoke', payload: { a: 1 } });

    expect(lambdas.calls).toEqual([['persist-messages', { a: 1 }]]);
    expect(outcome).toEqual({ result: { echoed: { a: 1 } }, error: null });
  });

  it('reports a function error as Lambda:Unhandled with the function message', async () => {
    const lambdas = fakeLambdas(() => Promise.reject(new LambdaFunctionError('persist-messages', 'TypeError', 'x is undefined')));
    const invoker = createDataSourceInvoker(definitions, { lambdas });

    const outcome = await invoker.invoke('persistMessages', { operation: 'Invoke', payload: {} });

    expect(outcome).toEqual({ result: null, error: { message: 'x is undefined', type: 'Lambda:Unhandled' } });
  });

  it('resolves an Event invocation at once, ignoring its outcome', async () => {
    const lambdas = fakeLambdas(() => new Promise(() => undefined));
    const invoker = createDataSourceInvoker(definitions, { lambdas });

    const outcome = await invoker.invoke('persistMessages', { operation: 'Invoke', invocationType: 'Event', payload: {} });

    expect(outcome).toEqual({ result: null, error: null });
    expect(lambdas.calls).toHaveLength(1);
  });

  it('refuses a request that is not an Invoke, as a bug in the handler rather than a failed call', async () => {
    const lambdas = fakeLambdas(async () => null);
    const invoker = createDataSourceInvoker(definitions, { lambdas });

    await expect(invoker.invoke('persistMessages', { operation: 'GetItem', key: {} })).rejects.toThrow(DataSourceRequestError);
    expect(lambdas.calls).toEqual([]);
  });

  it('needs the DynamoDB server for a DynamoDB data source', () => {
    const dynamo = { kind: 'AMAZON_DYNAMODB' as const, name: 'roomMembership', tableName: 'parley', actions: ['dynamodb:GetItem' as const] };

    expect(() => createDataSourceInvoker([dynamo], { lambdas: fakeLambdas(async () => null) })).toThrow('needs the local DynamoDB server');
  });

  it('answers an unknown data source with an error', async () => {
    const invoker = createDataSourceInvoker(definitions, { lambdas: fakeLambdas(async () => null) });

    const outcome = await invoker.invoke('nope', { operation: 'Invoke', payload: {} });

    expect(outcome.error?.type).toBe('DataSourceNotFound');
  });
});

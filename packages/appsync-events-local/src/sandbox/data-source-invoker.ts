import type { LocalDataSource, LocalLambdaDataSource } from '../template/backend-model.ts';
import type { DynamoWire } from '../dynamodb/dynamo-wire.ts';
import type { DataSourceInvoker, DataSourceOutcome, DataSourceRequest, DynamoDbRequest, LambdaInvokeRequest } from '../events/contracts.ts';
import type { LambdaInvoker } from '../lambda/contracts.ts';
import { LambdaFunctionError } from '../lambda/lambda-errors.ts';
import { DataSourceRequestError } from './data-source-request-error.ts';
import { createDynamoDbDataSource } from './dynamodb-data-source.ts';

/**
 * `ctx.error` for a failed Lambda call, as AppSync reports it: a function error is
 * `Lambda:Unhandled` with the function's message; a failure to invoke keeps its own name.
 */
export function dataSourceError(error: unknown): { message: string; type: string } {
  if (error instanceof LambdaFunctionError) return { message: error.errorMessage, type: 'Lambda:Unhandled' };
  if (error instanceof Error) return { message: error.message, type: `Lambda:${error.name}` };
  return { message: String(error), type: 'Lambda:Unhandled' };
}

export interface DataSourceBackends {
  lambdas: LambdaInvoker;
  /** The local DynamoDB server, and the physical name of each logical table. Needed by `AMAZON_DYNAMODB` data sources. */
  dynamodb?: { wire: DynamoWire; tableName: (logicalName: string) => string };
}

/**
 * A Lambda data source on the local Lambda runner: the request's `payload` is the function's
 * event, its return value `ctx.result`. An `Event` invocation resolves at once and its outcome is
 * ignored, as AppSync does.
 */
async function invokeLambda(definition: LocalLambdaDataSource, lambdas: LambdaInvoker, request: DataSourceRequest): Promise<DataSourceOutcome> {
  if (request.operation !== 'Invoke') {
    throw new DataSourceRequestError(`Data source ${definition.name} is a Lambda: its request must be { operation: 'Invoke', payload }`);
  }
  const { payload, invocationType } = request as LambdaInvokeRequest;
  const invocation = lambdas.invoke(definition.functionName, payload);
  if (invocationType === 'Event') {
    invocation.catch(() => undefined);
    return { result: null, error: null };
  }
  try {
    return { result: await invocation, error: null };
  } catch (error) {
    return { result: null, error: dataSourceError(error) };
  }
}

/** The Event API's data sources, by kind: Lambdas on the local runner, DynamoDB on the local server. */
export function createDataSourceInvoker(dataSources: readonly LocalDataSource[], backends: DataSourceBackends): DataSourceInvoker {
  const runners = new Map<string, (request: DataSourceRequest) => Promise<DataSourceOutcome>>();
  for (const definition of dataSources) {
    if (definition.kind === 'AWS_LAMBDA') {
      runners.set(definition.name, (request) => invokeLambda(definition, backends.lambdas, request));
      continue;
    }
    const dynamodb = backends.dynamodb;
    if (dynamodb === undefined) throw new Error(`Data source ${definition.name} needs the local DynamoDB server`);
    const run = createDynamoDbDataSource({
      name: definition.name,
      wire: dynamodb.wire,
      tableName: dynamodb.tableName(definition.tableName),
      actions: definition.actions,
    });
    runners.set(definition.name, (request) => run(request as DynamoDbRequest));
  }
  return {
    async invoke(dataSourceName, request) {
      const run = runners.get(dataSourceName);
      if (run === undefined) {
        return { result: null, error: { message: `Unknown data source: ${dataSourceName}`, type: 'DataSourceNotFound' } };
      }
      return run(request);
    },
  };
}

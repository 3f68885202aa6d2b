import type { LambdaDataSourceDefinition } from '../../amplify/definition.ts';
import type { DataSourceInvoker } from '../events/contracts.ts';
import type { LambdaInvoker } from '../lambda/contracts.ts';
import { LambdaFunctionError } from '../lambda/lambda-errors.ts';

/**
 * `ctx.error` for a failed Lambda call, as AppSync reports it: a function error is
 * `Lambda:Unhandled` with the function's message; a failure to invoke keeps its own name.
 */
export function dataSourceError(error: unknown): { message: string; type: string } {
  if (error instanceof LambdaFunctionError) return { message: error.errorMessage, type: 'Lambda:Unhandled' };
  if (error instanceof Error) return { message: error.message, type: `Lambda:${error.name}` };
  return { message: String(error), type: 'Lambda:Unhandled' };
}

/**
 * The Event API's Lambda data sources, backed by the local Lambda runner: the request's
 * `payload` is the function's event, its return value `ctx.result`. An `Event` invocation
 * resolves at once and its outcome is ignored, as AppSync does.
 */
export function createDataSourceInvoker(
  dataSources: readonly LambdaDataSourceDefinition[],
  lambdas: LambdaInvoker,
): DataSourceInvoker {
  return {
    async invoke(dataSourceName, request) {
      const definition = dataSources.find((d) => d.name === dataSourceName);
      if (definition === undefined) {
        return { result: null, error: { message: `Unknown data source: ${dataSourceName}`, type: 'DataSourceNotFound' } };
      }
      const invocation = lambdas.invoke(definition.functionName, request.payload);
      if (request.invocationType === 'Event') {
        invocation.catch(() => undefined);
        return { result: null, error: null };
      }
      try {
        return { result: await invocation, error: null };
      } catch (error) {
        return { result: null, error: dataSourceError(error) };
      }
    },
  };
}

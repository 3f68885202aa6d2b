import type { LambdaDataSourceDefinition } from '../../amplify/definition.ts';
import type { DataSourceInvoker } from '../events/contracts.ts';
import type { LambdaInvoker } from '../lambda/contracts.ts';

/**
 * Calls the Lambda behind a data source as AppSync does: a failed invocation becomes
 * `ctx.error` for the handler's `response`, never an exception in the events service.
 */
export function createDataSourceInvoker(
  dataSources: readonly LambdaDataSourceDefinition[],
  lambdas: LambdaInvoker,
): DataSourceInvoker {
  const byName = new Map(dataSources.map((source) => [source.name, source]));
  return {
    async invoke(name, request) {
      const source = byName.get(name);
      if (!source) {
        return { result: null, error: { message: `Unknown data source ${name}`, type: 'DataSourceNotFound' } };
      }
      try {
        return { result: await lambdas.invoke(source.functionName, request.payload), error: null };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { result: null, error: { message, type: 'Lambda:Unhandled' } };
      }
    },
  };
}

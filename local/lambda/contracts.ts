import type { FunctionName } from '../../amplify/definition.ts';

/** Invokes one of `functions/` in-process, as the Lambda service would. */
export interface LambdaInvoker {
  /** Resolves with the handler's result; rejects when the invocation fails (handler error or injected fault). */
  invoke(functionName: FunctionName, event: unknown): Promise<unknown>;
}

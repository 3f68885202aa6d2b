/** Invokes a function of the template by its local name, as the Lambda service would. */
export interface LambdaInvoker {
  /** Resolves with the handler's result; rejects when the invocation fails (handler error or injected fault). */
  invoke(functionName: string, event: unknown): Promise<unknown>;
}

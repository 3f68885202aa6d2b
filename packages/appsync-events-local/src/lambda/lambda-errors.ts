/**
 * How an invocation through the local Lambda runner fails, mirroring the Lambda service: a
 * missing function is the API's `ResourceNotFoundException`; anything the function itself does
 * wrong (throws, fails to initialise, runs out of time) is a function error, which callers such as
 * API Gateway treat as an integration failure.
 */

/** `Invoke` named a function the local cloud has not deployed. */
export class UnknownFunctionError extends Error {
  readonly functionName: string;

  constructor(functionName: string, functionArn: string) {
    super(`Function not found: ${functionArn}`);
    this.name = 'ResourceNotFoundException';
    this.functionName = functionName;
  }
}

/**
 * The function ran and failed: Lambda's `X-Amz-Function-Error: Unhandled` response, whose payload
 * is `{ errorType, errorMessage }`. The original error is kept as `cause` for local debugging.
 */
export class LambdaFunctionError extends Error {
  readonly functionName: string;
  readonly errorType: string;
  readonly errorMessage: string;

  constructor(functionName: string, errorType: string, errorMessage: string, options?: { cause?: unknown }) {
    super(`${functionName} failed: ${errorType}: ${errorMessage}`, options);
    this.name = 'LambdaFunctionError';
    this.functionName = functionName;
    this.errorType = errorType;
    this.errorMessage = errorMessage;
  }

  /** Wraps whatever a handler threw (Errors or any other value) the way the Node.js runtime reports it. */
  static fromThrown(functionName: string, thrown: unknown): LambdaFunctionError {
    if (thrown instanceof Error) {
      return new LambdaFunctionError(functionName, thrown.name, thrown.message, { cause: thrown });
    }
    return new LambdaFunctionError(functionName, 'Error', String(thrown), { cause: thrown });
  }
}

/**
 * The function exceeded its configured timeout. Lambda reports it as a function error with the
 * runtime's wording (`Task timed out after 3.00 seconds`).
 */
export class LambdaTimeoutError extends LambdaFunctionError {
  readonly timeoutMs: number;

  constructor(functionName: string, timeoutMs: number) {
    super(functionName, 'Sandbox.Timedout', `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`);
    this.name = 'LambdaTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** The runner was closed; pending and later invocations fail with this. */
export class LambdaRunnerClosedError extends Error {
  constructor() {
    super('The local Lambda runner is closed');
    this.name = 'LambdaRunnerClosedError';
  }
}

/**
 * A synchronous invocation carried more than 6 MB: Lambda refuses the request
 * (`RequestEntityTooLargeException`) or fails the invocation on the response.
 */
export class PayloadTooLargeError extends Error {
  readonly functionName: string;
  readonly direction: 'request' | 'response';

  constructor(functionName: string, direction: 'request' | 'response') {
    super(`${functionName}: ${direction} payload exceeds the 6291456-byte limit of synchronous invocations`);
    this.name = direction === 'request' ? 'RequestEntityTooLargeException' : 'Function.ResponseSizeTooLarge';
    this.functionName = functionName;
    this.direction = direction;
  }
}

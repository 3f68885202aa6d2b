/**
 * The environment a function sees in its execution environment: what the Lambda runtime sets,
 * plus the variables deployed with the function. Pure, so the rules are testable on their own.
 */

/** Keys the Lambda runtime owns; `CreateFunction` refuses them in a function's `Environment`. */
export const RESERVED_ENVIRONMENT_KEYS: readonly string[] = [
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
];

/**
 * On AWS the runtime fills these from the execution role's session. Locally there is no STS, so
 * the local cloud passes the function's own local credentials in its env instead.
 */
const CREDENTIAL_KEYS: readonly string[] = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];

/** Reserved keys in a deployed env that the local cloud may not set (credentials excepted). */
export function findReservedKeys(env: Record<string, string>): string[] {
  return Object.keys(env).filter((key) => RESERVED_ENVIRONMENT_KEYS.includes(key) && !CREDENTIAL_KEYS.includes(key));
}

export interface LambdaEnvironmentInput {
  functionName: string;
  region: string;
  memoryMb: number;
  /** Node.js major version of the runtime, e.g. `20` for `nodejs20.x`. */
  nodeMajorVersion: number;
  logStreamName: string;
  /** The variables deployed with the function, plus local credentials and endpoints. */
  env: Record<string, string>;
}

/** The full environment of one execution environment; the runtime's variables win over `env`. */
export function buildLambdaEnvironment(input: LambdaEnvironmentInput): Record<string, string> {
  return {
    ...input.env,
    AWS_REGION: input.region,
    AWS_DEFAULT_REGION: input.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_nodejs${input.nodeMajorVersion}.x`,
    AWS_LAMBDA_FUNCTION_NAME: input.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(input.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: logGroupName(input.functionName),
    AWS_LAMBDA_LOG_STREAM_NAME: input.logStreamName,
    _HANDLER: 'handler.handler',
  };
}

export function logGroupName(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}

/** `2024/05/01/[$LATEST]<32 hex>`: the date the execution environment started, then its id. */
export function logStreamName(startedAt: Date, instanceId: string): string {
  const date = startedAt.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${date}/[$LATEST]${instanceId}`;
}

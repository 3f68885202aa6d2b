/**
 * The template's functions as the Lambda runner runs them: each function's bundled code, timeout
 * and memory, and its environment as deployed with what the local cloud puts on top: the AWS SDK
 * pointed at the local DynamoDB server, the function's own local credentials (its role's session),
 * the Event API's local origin where the template names its endpoint, quiet logs, and the local
 * overrides (`--rate-limit`…) by variable name.
 */
import type { FunctionModel } from '../template/backend-model.ts';
import { LOCAL_EVENTS_HOST } from '../template/read-local-backend.ts';
import type { LambdaFunctionConfig } from './lambda-runner.ts';

export interface TemplateFunctionsOptions {
  dynamoEndpoint: string;
  /** The function's own credentials, as Lambda sets its execution role's session in the environment. */
  credentials: (fn: FunctionModel) => { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** The events service's origin (`http://127.0.0.1:<port>`); read at a function's cold start, once the service is up. */
  eventsOrigin: () => string;
  /**
   * Values that replace the template's for a variable the function's environment has (a function
   * without the variable is left alone): the local cloud's `--rate-limit`, `--room-limit`, `--signup`.
   */
  overrides?: Record<string, string>;
}

// Locally, logs at WARN and no EMF metrics keep `npm run dev` readable; and the local Node may be
// older than the Lambda runtime's, which the pinned SDK would warn about in every function.
const QUIET = { POWERTOOLS_LOG_LEVEL: 'WARN', POWERTOOLS_METRICS_DISABLED: 'true', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

const DEPLOYED_EVENTS_ORIGIN = `https://${LOCAL_EVENTS_HOST}`;

/** The environment a function starts with: the template's, resolved to local endpoints, with the overrides. */
export function localEnvironment(fn: FunctionModel, options: TemplateFunctionsOptions): Record<string, string> {
  const env = Object.fromEntries(
    Object.entries(fn.environment).map(([key, value]) => [key, value.replaceAll(DEPLOYED_EVENTS_ORIGIN, options.eventsOrigin())]),
  );
  for (const [key, value] of Object.entries(options.overrides ?? {})) if (key in env) env[key] = value;
  const credentials = options.credentials(fn);
  return {
    ...env,
    ...QUIET,
    AWS_ENDPOINT_URL_DYNAMODB: options.dynamoEndpoint,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    ...(credentials.sessionToken === undefined ? {} : { AWS_SESSION_TOKEN: credentials.sessionToken }),
  };
}

export function templateFunctions(functions: readonly FunctionModel[], options: TemplateFunctionsOptions): Record<string, LambdaFunctionConfig> {
  return Object.fromEntries(
    functions.map((fn): [string, LambdaFunctionConfig] => [
      fn.name,
      {
        code: { dir: fn.codeDir, handler: fn.handler },
        env: () => localEnvironment(fn, options),
        timeoutMs: fn.timeoutSeconds * 1000,
        memoryMb: fn.memoryMb,
      },
    ]),
  );
}

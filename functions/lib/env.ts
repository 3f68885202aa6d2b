import { z } from 'zod';
import { ConfigurationError } from './errors.ts';

/**
 * What the Lambda runtime itself provides (never set by our deployment code). The local cloud's
 * runner provides the same names, so there is no local-only code path.
 */
export const AwsRuntimeEnvSchema = z.object({
  AWS_REGION: z.string().min(1),
  /** Standard SDK variable: set locally to the embedded DynamoDB server, unset on AWS. */
  AWS_ENDPOINT_URL_DYNAMODB: z.url().optional(),
  AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
  AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  AWS_SESSION_TOKEN: z.string().min(1).optional(),
});
export type AwsRuntimeEnv = z.infer<typeof AwsRuntimeEnvSchema>;

/** Log levels Powertools Logger accepts (upper-case spelling). */
export const LogLevelSchema = z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL', 'SILENT']);

/** The Powertools settings every function reads; spread into each function's env schema. */
export const PowertoolsEnvFields = {
  POWERTOOLS_SERVICE_NAME: z.string().min(1).optional(),
  POWERTOOLS_LOG_LEVEL: LogLevelSchema.optional(),
  POWERTOOLS_METRICS_NAMESPACE: z.string().min(1).optional(),
  /** 'true' drops metrics instead of printing EMF (local runs, tests). */
  POWERTOOLS_METRICS_DISABLED: z.enum(['true', 'false']).optional(),
};

/**
 * Parses `env` with `schema`. Empty strings count as unset, because that is how a cleared variable
 * usually arrives. Throws a ConfigurationError naming every bad variable, so a broken deployment
 * fails at cold start with a readable message.
 */
export function readEnv<T extends z.ZodType>(schema: T, env: Record<string, string | undefined>): z.infer<T> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigurationError(`Invalid environment: ${problems.join('; ')}`);
  }
  return parsed.data;
}

import { z } from 'zod';
import { LogLevelSchema } from '../lib/env.ts';

/**
 * What the deployment sets for `moderation` (the CDK passes it with `satisfies ModerationEnv`).
 * The runtime's own variables, including the credentials it signs publishes with, are
 * `AwsRuntimeEnvSchema` in lib/env.ts.
 */
export const ModerationEnvSchema = z.object({
  /** Physical name of the `parley` table. */
  TABLE_NAME: z.string().min(1),
  /** The Event API's HTTP publish endpoint, `https://<http domain>/event`. */
  EVENT_API_URL: z.url(),
  POWERTOOLS_SERVICE_NAME: z.string().min(1).optional(),
  POWERTOOLS_METRICS_NAMESPACE: z.string().min(1).optional(),
  /** 'true' drops metrics instead of printing EMF (local runs, tests). */
  POWERTOOLS_METRICS_DISABLED: z.enum(['true', 'false']).optional(),
  POWERTOOLS_LOG_LEVEL: LogLevelSchema.optional(),
});
export type ModerationEnv = z.infer<typeof ModerationEnvSchema>;

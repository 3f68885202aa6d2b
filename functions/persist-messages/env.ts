import { z } from 'zod';
import { LogLevelSchema } from '../lib/env.ts';

/**
 * What the deployment sets for `persist-messages` (the CDK passes it with `satisfies
 * PersistMessagesEnv`). The runtime's own variables are `AwsRuntimeEnvSchema` in lib/env.ts.
 */
export const PersistMessagesEnvSchema = z.object({
  /** Physical name of the `parley` table. */
  TABLE_NAME: z.string().min(1),
  POWERTOOLS_SERVICE_NAME: z.string().min(1).optional(),
  POWERTOOLS_METRICS_NAMESPACE: z.string().min(1).optional(),
  /** 'true' drops metrics instead of printing EMF (local runs, tests). */
  POWERTOOLS_METRICS_DISABLED: z.enum(['true', 'false']).optional(),
  POWERTOOLS_LOG_LEVEL: LogLevelSchema.optional(),
});
export type PersistMessagesEnv = z.infer<typeof PersistMessagesEnvSchema>;

import { z } from 'zod';
import { LogLevelSchema } from '../lib/env.ts';

/**
 * What the deployment sets for `history` (the CDK passes it with `satisfies HistoryEnv`). The
 * runtime's own variables are `AwsRuntimeEnvSchema` in lib/env.ts.
 */
export const HistoryEnvSchema = z.object({
  /** Physical name of the `parley` table. */
  TABLE_NAME: z.string().min(1),
  POWERTOOLS_SERVICE_NAME: z.string().min(1).optional(),
  POWERTOOLS_LOG_LEVEL: LogLevelSchema.optional(),
});
export type HistoryEnv = z.infer<typeof HistoryEnvSchema>;

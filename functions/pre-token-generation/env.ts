import { z } from 'zod';
import { LogLevelSchema } from '../lib/env.ts';

/**
 * What the deployment sets for `pre-token-generation` (the CDK passes it with `satisfies
 * PreTokenGenerationEnv`). It touches no table: it only reads the event Cognito sends.
 */
export const PreTokenGenerationEnvSchema = z.object({
  POWERTOOLS_SERVICE_NAME: z.string().min(1).optional(),
  POWERTOOLS_LOG_LEVEL: LogLevelSchema.optional(),
});
export type PreTokenGenerationEnv = z.infer<typeof PreTokenGenerationEnvSchema>;

import * as z from 'zod/mini';
import { PowertoolsEnvFields } from '../lib/env.ts';

/**
 * What the deployment sets for `pre-token-generation` (the CDK passes it with `satisfies
 * PreTokenGenerationEnv`). It touches no table: it only reads the event Cognito sends.
 */
export const PreTokenGenerationEnvSchema = z.object({
  ...PowertoolsEnvFields,
});
export type PreTokenGenerationEnv = z.infer<typeof PreTokenGenerationEnvSchema>;

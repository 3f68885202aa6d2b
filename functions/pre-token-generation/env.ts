import * as z from 'zod/mini';
import { nonEmpty, PowertoolsEnvFields } from '../lib/env.ts';

/**
 * What the deployment sets for `pre-token-generation` (the CDK passes it with `satisfies
 * PreTokenGenerationEnv`). The runtime's own variables are `AwsRuntimeEnvSchema` in lib/env.ts.
 */
export const PreTokenGenerationEnvSchema = z.object({
  /** Physical name of the `parley` table, where profiles live. */
  TABLE_NAME: nonEmpty(),
  ...PowertoolsEnvFields,
});
export type PreTokenGenerationEnv = z.infer<typeof PreTokenGenerationEnvSchema>;

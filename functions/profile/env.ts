import * as z from 'zod/mini';
import { nonEmpty, PowertoolsEnvFields } from '../lib/env.ts';

/**
 * What the deployment sets for `profile` (the CDK passes it with `satisfies ProfileEnv`). The
 * runtime's own variables are `AwsRuntimeEnvSchema` in lib/env.ts.
 */
export const ProfileEnvSchema = z.object({
  /** Physical name of the `parley` table. */
  TABLE_NAME: nonEmpty(),
  ...PowertoolsEnvFields,
});
export type ProfileEnv = z.infer<typeof ProfileEnvSchema>;

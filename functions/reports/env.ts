import * as z from 'zod/mini';
import { nonEmpty, PowertoolsEnvFields } from '../lib/env.ts';

/**
 * What the deployment sets for `reports` (the CDK passes it with `satisfies ReportsEnv`). The
 * runtime's own variables are `AwsRuntimeEnvSchema` in lib/env.ts.
 */
export const ReportsEnvSchema = z.object({
  /** Physical name of the `parley` table. */
  TABLE_NAME: nonEmpty(),
  ...PowertoolsEnvFields,
});
export type ReportsEnv = z.infer<typeof ReportsEnvSchema>;

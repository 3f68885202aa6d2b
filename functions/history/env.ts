import * as z from 'zod/mini';
import { nonEmpty, PowertoolsEnvFields } from '../lib/env.ts';

/**
 * What the deployment sets for `history` (the CDK passes it with `satisfies HistoryEnv`). The
 * runtime's own variables are `AwsRuntimeEnvSchema` in lib/env.ts.
 */
export const HistoryEnvSchema = z.object({
  /** Physical name of the `parley` table. */
  TABLE_NAME: nonEmpty(),
  ...PowertoolsEnvFields,
});
export type HistoryEnv = z.infer<typeof HistoryEnvSchema>;

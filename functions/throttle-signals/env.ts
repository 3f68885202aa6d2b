import * as z from 'zod/mini';
import { nonEmpty, PowertoolsEnvFields } from '../lib/env.ts';

/**
 * What the deployment sets for `throttle-signals` (the CDK passes it with `satisfies
 * ThrottleSignalsEnv`). The runtime's own variables are `AwsRuntimeEnvSchema` in lib/env.ts.
 */
export const ThrottleSignalsEnvSchema = z.object({
  /** Physical name of the `parley` table. */
  TABLE_NAME: nonEmpty(),
  ...PowertoolsEnvFields,
});
export type ThrottleSignalsEnv = z.infer<typeof ThrottleSignalsEnvSchema>;

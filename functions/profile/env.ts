import * as z from 'zod/mini';
import { nonEmpty, PowertoolsEnvFields, rateLimitSetting } from '../lib/env.ts';
import { DEFAULT_NAME_CHANGE_LIMIT } from '../lib/profile-rename.ts';

/**
 * What the deployment sets for `profile` (the CDK passes it with `satisfies ProfileEnv`). The
 * runtime's own variables are `AwsRuntimeEnvSchema` in lib/env.ts.
 */
export const ProfileEnvSchema = z.object({
  /** Physical name of the `parley` table. */
  TABLE_NAME: nonEmpty(),
  ...PowertoolsEnvFields,
  /**
   * Name changes per account in a rolling window: `off` or `<count>/<seconds>`. Unset means
   * `DEFAULT_NAME_CHANGE_LIMIT`, so a forgotten variable never switches the protection off.
   */
  NAME_CHANGE_LIMIT: z.optional(rateLimitSetting('5/86400')),
});
export type ProfileEnv = z.infer<typeof ProfileEnvSchema>;
export { DEFAULT_NAME_CHANGE_LIMIT };

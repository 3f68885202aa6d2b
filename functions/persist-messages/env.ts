import * as z from 'zod/mini';
import { nonEmpty, PowertoolsEnvFields, rateLimitSetting } from '../lib/env.ts';

/**
 * What the deployment sets for `persist-messages` (the CDK passes it with `satisfies
 * PersistMessagesEnv`). The runtime's own variables are `AwsRuntimeEnvSchema` in lib/env.ts.
 */
export const PersistMessagesEnvSchema = z.object({
  /** Physical name of the `parley` table. */
  TABLE_NAME: nonEmpty(),
  /** The Event API's HTTP publish endpoint, `https://<http domain>/event`: mention notices go there. */
  EVENT_API_URL: z.url(),
  ...PowertoolsEnvFields,
  /**
   * Per-author publish limit: `off` or `<count>/<seconds>`. Unset means `DEFAULT_RATE_LIMIT`, so
   * a forgotten variable never switches the protection off.
   */
  RATE_LIMIT: z.optional(rateLimitSetting('20/10')),
});
export type PersistMessagesEnv = z.infer<typeof PersistMessagesEnvSchema>;

/** More than 20 messages in 10 s from one author fail with `RATE_LIMITED`. */
export const DEFAULT_RATE_LIMIT = '20/10';

import * as z from 'zod/mini';
import { nonEmpty, PowertoolsEnvFields } from '../lib/env.ts';

/**
 * What the deployment sets for `moderation` (the CDK passes it with `satisfies ModerationEnv`).
 * The runtime's own variables, including the credentials it signs publishes with, are
 * `AwsRuntimeEnvSchema` in lib/env.ts.
 */
export const ModerationEnvSchema = z.object({
  /** Physical name of the `parley` table. */
  TABLE_NAME: nonEmpty(),
  /** The Event API's HTTP publish endpoint, `https://<http domain>/event`. */
  EVENT_API_URL: z.url(),
  ...PowertoolsEnvFields,
});
export type ModerationEnv = z.infer<typeof ModerationEnvSchema>;

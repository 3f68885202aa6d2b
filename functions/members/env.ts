import * as z from 'zod/mini';
import { nonEmpty, PowertoolsEnvFields } from '../lib/env.ts';

/**
 * What the deployment sets for `members` (the CDK passes it with `satisfies MembersEnv`). The
 * runtime's own variables, including the credentials it signs publishes with, are
 * `AwsRuntimeEnvSchema` in lib/env.ts.
 */
export const MembersEnvSchema = z.object({
  /** Physical name of the `parley` table. */
  TABLE_NAME: nonEmpty(),
  /** The Event API's HTTP publish endpoint, `https://<http domain>/event`: member.added/removed go there. */
  EVENT_API_URL: z.url(),
  ...PowertoolsEnvFields,
});
export type MembersEnv = z.infer<typeof MembersEnvSchema>;

import * as z from 'zod/mini';
import { nonEmpty, PowertoolsEnvFields, rateLimitSetting } from '../lib/env.ts';

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
  /** New DMs per member, counted with new rooms (`create-room`'s `ROOM_LIMIT`); unset means its default. */
  ROOM_LIMIT: z.optional(rateLimitSetting('10/3600')),
});
export type MembersEnv = z.infer<typeof MembersEnvSchema>;

import * as z from 'zod/mini';
import { nonEmpty, PowertoolsEnvFields, rateLimitSetting } from '../lib/env.ts';

/**
 * What the deployment sets for `create-room` (the CDK passes it with `satisfies CreateRoomEnv`).
 * The runtime's own variables are `AwsRuntimeEnvSchema` in lib/env.ts.
 */
export const CreateRoomEnvSchema = z.object({
  /** Physical name of the `parley` table. */
  TABLE_NAME: nonEmpty(),
  ...PowertoolsEnvFields,
  /**
   * New rooms per member: `off` or `<count>/<seconds>`. Unset means `DEFAULT_ROOM_LIMIT`, so a
   * forgotten variable never switches the protection off.
   */
  ROOM_LIMIT: z.optional(rateLimitSetting('10/3600')),
});
export type CreateRoomEnv = z.infer<typeof CreateRoomEnvSchema>;

/** More than 10 new rooms in an hour from one member fail with 429. */
export const DEFAULT_ROOM_LIMIT = '10/3600';

import * as z from 'zod/mini';
import { nonEmpty, PowertoolsEnvFields } from '../lib/env.ts';

/**
 * What the deployment sets for `create-room` (the CDK passes it with `satisfies CreateRoomEnv`).
 * The runtime's own variables are `AwsRuntimeEnvSchema` in lib/env.ts.
 */
export const CreateRoomEnvSchema = z.object({
  /** Physical name of the `parley` table. */
  TABLE_NAME: nonEmpty(),
  ...PowertoolsEnvFields,
});
export type CreateRoomEnv = z.infer<typeof CreateRoomEnvSchema>;

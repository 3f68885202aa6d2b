import * as z from 'zod/mini';
import { parseSignupPolicy } from '../../core/signup-policy.ts';
import { PowertoolsEnvFields } from '../lib/env.ts';

/**
 * What the deployment sets for `pre-sign-up` (the CDK passes it with `satisfies PreSignUpEnv`):
 * the sign-up policy in `PARLEY_SIGNUP`'s spelling. It touches no table.
 */
export const PreSignUpEnvSchema = z.object({
  SIGNUP_POLICY: z.string().check(z.refine((value) => parseSignupPolicy(value).ok, 'not a sign-up policy (open, invite or domains:<list>)')),
  ...PowertoolsEnvFields,
});
export type PreSignUpEnv = z.infer<typeof PreSignUpEnvSchema>;

/**
 * The pool's password policy, enforced where Cognito enforces it: every operation that sets a
 * password. cognito-local stores the policy but checks none, so the front does, before the request
 * reaches it, and answers as Cognito does: `InvalidPasswordException` naming the first rule the
 * password breaks. Pure.
 */
import type { CognitoErrorBody } from './auth-flows.ts';
import type { PasswordPolicy } from './pool-settings.ts';
import { TARGET_PREFIX } from './public-operations.ts';

/** Cognito's special characters: these, and a space that neither starts nor ends the password. */
const SYMBOLS = new Set('^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+-');

/** Where each operation carries the password it sets, and the wording of Cognito's refusal. */
const PASSWORD_FIELDS: Readonly<Record<string, { field: (input: Record<string, unknown>) => unknown; prefix: string }>> = {
  SignUp: { field: (input) => input.Password, prefix: 'Password did not conform with policy' },
  ChangePassword: { field: (input) => input.ProposedPassword, prefix: 'Password did not conform with policy' },
  ConfirmForgotPassword: { field: (input) => input.Password, prefix: 'Password does not conform to policy' },
  AdminSetUserPassword: { field: (input) => input.Password, prefix: 'Password does not conform to policy' },
  AdminCreateUser: { field: (input) => input.TemporaryPassword, prefix: 'Password does not conform to policy' },
  RespondToAuthChallenge: { field: (input) => newPassword(input), prefix: 'Password does not conform to policy' },
  AdminRespondToAuthChallenge: { field: (input) => newPassword(input), prefix: 'Password does not conform to policy' },
};

function newPassword(input: Record<string, unknown>): unknown {
  return input.ChallengeName === 'NEW_PASSWORD_REQUIRED' ? (input.ChallengeResponses as { NEW_PASSWORD?: unknown } | undefined)?.NEW_PASSWORD : undefined;
}

/** The first rule of the policy the password breaks, in Cognito's words, or null when it conforms. */
export function passwordViolation(password: string, policy: PasswordPolicy): string | null {
  const characters = [...password];
  if (characters.length < policy.minimumLength) return 'Password not long enough';
  if (policy.requireLowercase && !/\p{Ll}/u.test(password)) return 'Password must have lowercase characters';
  if (policy.requireUppercase && !/\p{Lu}/u.test(password)) return 'Password must have uppercase characters';
  if (policy.requireNumbers && !/[0-9]/.test(password)) return 'Password must have numeric characters';
  const symbol = characters.some((character, index) => SYMBOLS.has(character) || (character === ' ' && index > 0 && index < characters.length - 1));
  if (policy.requireSymbols && !symbol) return 'Password must have symbol characters';
  return null;
}

/**
 * Cognito's refusal of a request (its `x-amz-target` and parsed JSON body) that sets a password
 * the policy does not allow; null for any other request. A missing password is left to
 * cognito-local's own parameter checks.
 */
export function passwordRefusal(target: string | undefined, input: unknown, policy: PasswordPolicy): CognitoErrorBody | null {
  if (target === undefined || !target.startsWith(TARGET_PREFIX)) return null;
  const operation = PASSWORD_FIELDS[target.slice(TARGET_PREFIX.length)];
  const password = operation && typeof input === 'object' && input !== null ? operation.field(input as Record<string, unknown>) : undefined;
  if (typeof password !== 'string') return null;
  const violation = passwordViolation(password, policy);
  return violation === null ? null : { __type: 'InvalidPasswordException', message: `${operation!.prefix}: ${violation}` };
}

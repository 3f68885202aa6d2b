/**
 * Which usernames `SignUp` takes, by the pool's sign-in attributes, in Cognito's words; and the
 * request as cognito-local must get it. cognito-local checks only a pool that signs in by email,
 * and knows no aliases. Pure.
 */
import type { CognitoErrorBody } from './auth-flows.ts';
import type { UserPoolSettings } from './pool-settings.ts';

// Loose on purpose: what Cognito takes as an email address, not a validator of addresses.
export const EMAIL_FORMAT = /^[^\s@]+@[^\s@]+$/;
// E.164, as Cognito requires phone numbers.
export const PHONE_FORMAT = /^\+[1-9][0-9]{1,14}$/;

type SignInSettings = Pick<UserPoolSettings, 'usernameAttributes' | 'aliasAttributes'>;

/** Cognito's refusal of a `SignUp` username in this pool, or null when it takes it. */
export function signUpUsernameRefusal(username: unknown, settings: SignInSettings): CognitoErrorBody | null {
  if (typeof username !== 'string') return null;
  const invalid = (message: string): CognitoErrorBody => ({ __type: 'InvalidParameterException', message });
  const byEmail = settings.usernameAttributes.includes('email');
  const byPhone = settings.usernameAttributes.includes('phone_number');
  if (byEmail && byPhone) {
    if (PHONE_FORMAT.test(username)) return invalid('appsync-events-local: signing up with a phone number in a pool that also signs in by email is not emulated; sign up with the email address');
    return EMAIL_FORMAT.test(username) ? null : invalid('Username should be either an email or a phone number.');
  }
  if (byEmail) return EMAIL_FORMAT.test(username) ? null : invalid('Username should be an email.');
  if (byPhone) return PHONE_FORMAT.test(username) ? null : invalid('Username should be a phone number.');
  if (settings.aliasAttributes.includes('email') && EMAIL_FORMAT.test(username)) return invalid('Username cannot be of email format, since user pool is configured for email alias.');
  if (settings.aliasAttributes.includes('phone_number') && PHONE_FORMAT.test(username)) return invalid('Username cannot be of phone number format, since user pool is configured for phone number alias.');
  return null;
}

/**
 * A `SignUp` as cognito-local must get it: in a pool that signs in by phone number, the number is
 * also the `phone_number` attribute, as Cognito sets it (cognito-local does so only for email).
 */
export function toUpstreamSignUp(input: Record<string, unknown>, settings: SignInSettings): Record<string, unknown> {
  if (!settings.usernameAttributes.includes('phone_number') || typeof input.Username !== 'string' || !PHONE_FORMAT.test(input.Username)) return input;
  const attributes = Array.isArray(input.UserAttributes) ? (input.UserAttributes as { Name?: unknown }[]) : [];
  if (attributes.some((attribute) => attribute.Name === 'phone_number')) return input;
  return { ...input, UserAttributes: [...attributes, { Name: 'phone_number', Value: input.Username }] };
}

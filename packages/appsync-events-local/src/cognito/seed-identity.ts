/**
 * How a seeded user exists in the pool, decided by the pool's sign-in attributes: the name they
 * sign in with, the username to create them under, and their attributes. A user whose sign-in
 * name does not fit the pool (a plain username in a pool that signs in by email, an email address
 * as the username in a pool with an email alias) is a `SeedUserError` naming them. Pure.
 */
import { describeSignIn, type UserPoolSettings } from './pool-settings.ts';
import type { SeedAccount } from './seed-user-pool.ts';
import { EMAIL_FORMAT, PHONE_FORMAT } from './sign-up-username.ts';

export class SeedUserError extends Error {
  override name = 'SeedUserError';
}

export interface SeedIdentity {
  /** What the user types to sign in. */
  signInName: string;
  /**
   * The `Username` of `AdminCreateUser`: the sign-in name, or null in a pool that signs in by
   * phone number, where (as on AWS) the username is a generated id and the number an attribute.
   */
  createUsername: string | null;
  attributes: { Name: string; Value: string }[];
}

/** What the user signs in with: `username`, else `email`. */
export function signInName(user: SeedAccount): string {
  return user.username ?? user.email ?? '';
}

export function seedIdentity(user: SeedAccount, settings: Pick<UserPoolSettings, 'usernameAttributes' | 'aliasAttributes'>): SeedIdentity {
  const name = signInName(user);
  const refuse = (why: string) => new SeedUserError(`seeded user ${JSON.stringify(name)}: ${why}`);
  if (name === '') throw new SeedUserError('a seeded user has neither a username nor an email');
  const byEmail = EMAIL_FORMAT.test(name);
  const byPhone = PHONE_FORMAT.test(name);
  const verified = (attribute: string, value: string | undefined) => (value === undefined ? [] : [{ Name: attribute, Value: value }, { Name: `${attribute}_verified`, Value: 'true' }]);

  if (settings.usernameAttributes.length > 0) {
    const fits = (byEmail && settings.usernameAttributes.includes('email')) || (byPhone && settings.usernameAttributes.includes('phone_number'));
    if (!fits) throw refuse(`the user pool signs in ${describeSignIn(settings)}, and this is not ${settings.usernameAttributes.map((attribute) => (attribute === 'email' ? 'an email address' : 'a phone number (+<country code><number>)')).join(' or ')}`);
    if (byEmail && user.email !== undefined && user.email !== name) throw refuse(`the pool signs in by email, so the email must be the username, not ${user.email}`);
    return {
      signInName: name,
      createUsername: byEmail ? name : null,
      attributes: [...verified('email', byEmail ? name : user.email), ...verified('phone_number', byPhone ? name : user.phoneNumber), { Name: 'name', Value: user.displayName }],
    };
  }
  if (byEmail && settings.aliasAttributes.includes('email')) throw refuse('Username cannot be of email format, since user pool is configured for email alias.');
  if (byPhone && settings.aliasAttributes.includes('phone_number')) throw refuse('Username cannot be of phone number format, since user pool is configured for phone number alias.');
  return {
    signInName: name,
    createUsername: name,
    attributes: [...verified('email', user.email), ...verified('phone_number', user.phoneNumber), { Name: 'name', Value: user.displayName }],
  };
}

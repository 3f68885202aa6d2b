import { describe, expect, it } from 'vitest';
import { seedIdentity, SeedUserError } from './seed-identity.ts';

const byEmail = { usernameAttributes: ['email'] as const, aliasAttributes: [] };
const byPhone = { usernameAttributes: ['phone_number'] as const, aliasAttributes: [] };
const byUsername = { usernameAttributes: [], aliasAttributes: [] };
const withEmailAlias = { usernameAttributes: [], aliasAttributes: ['email'] as const };
const user = { password: 'Passw0rd!', displayName: 'Ana', groups: [] };

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof SeedUserError) return error.message;
    throw error;
  }
  throw new Error('accepted');
}

describe('seedIdentity', () => {
  it('signs an email pool user in by the email, seeded verified', () => {
    expect(seedIdentity({ ...user, email: 'ana@example.com' }, byEmail)).toEqual({
      signInName: 'ana@example.com',
      createUsername: 'ana@example.com',
      attributes: [{ Name: 'email', Value: 'ana@example.com' }, { Name: 'email_verified', Value: 'true' }, { Name: 'name', Value: 'Ana' }],
    });
  });

  it('gives a phone pool user a generated username and the number as a verified attribute', () => {
    expect(seedIdentity({ ...user, username: '+15555550100' }, byPhone)).toEqual({
      signInName: '+15555550100',
      createUsername: null,
      attributes: [{ Name: 'phone_number', Value: '+15555550100' }, { Name: 'phone_number_verified', Value: 'true' }, { Name: 'name', Value: 'Ana' }],
    });
  });

  it('keeps a username pool user under the username, with an email to use as an alias', () => {
    expect(seedIdentity({ ...user, username: 'ana', email: 'ana@example.com' }, withEmailAlias)).toMatchObject({
      signInName: 'ana',
      createUsername: 'ana',
      attributes: expect.arrayContaining([{ Name: 'email', Value: 'ana@example.com' }, { Name: 'email_verified', Value: 'true' }]),
    });
  });

  it.each([
    [{ username: 'ana' }, byEmail, 'seeded user "ana": the user pool signs in by email (UsernameAttributes), and this is not an email address'],
    [{ username: 'ana@example.com' }, byPhone, 'seeded user "ana@example.com": the user pool signs in by phone number (UsernameAttributes), and this is not a phone number (+<country code><number>)'],
    [{ username: 'ana@example.com' }, withEmailAlias, 'seeded user "ana@example.com": Username cannot be of email format, since user pool is configured for email alias.'],
    [{ username: 'ana@example.com', email: 'other@example.com' }, byEmail, 'seeded user "ana@example.com": the pool signs in by email, so the email must be the username, not other@example.com'],
    [{}, byUsername, 'a seeded user has neither a username nor an email'],
  ])('refuses %j in a pool that does not take it', (names, settings, message) => {
    expect(refusal(() => seedIdentity({ ...user, ...names }, settings))).toBe(message);
  });
});

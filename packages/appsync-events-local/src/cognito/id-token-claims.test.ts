import { describe, expect, it } from 'vitest';
import { standardIdTokenClaims } from './id-token-claims.ts';

describe('standardIdTokenClaims', () => {
  it('copies the standard profile attributes, typed as Cognito types them', () => {
    const claims = standardIdTokenClaims({
      sub: 's',
      email: 'a@b.c',
      preferred_username: 'Alice',
      phone_number_verified: 'false',
      updated_at: '1700000000',
      'custom:team': 'x',
    });

    expect(claims).toEqual({ preferred_username: 'Alice', phone_number_verified: false, updated_at: 1700000000 });
  });
});

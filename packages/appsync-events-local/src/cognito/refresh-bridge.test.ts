import { describe, expect, it } from 'vitest';
import { toGetTokensFromRefreshTokenOutput, toRefreshInitiateAuth } from './refresh-bridge.ts';

const jwt = (payload: object) => `h.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.s`;

describe('toRefreshInitiateAuth', () => {
  it('turns the request into a REFRESH_TOKEN_AUTH InitiateAuth', () => {
    expect(toRefreshInitiateAuth({ ClientId: 'c1', RefreshToken: 'r1', ClientMetadata: { a: '1' } })).toEqual({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: 'c1',
      AuthParameters: { REFRESH_TOKEN: 'r1' },
      ClientMetadata: { a: '1' },
    });
  });

  it('leaves ClientMetadata out when absent', () => {
    expect(toRefreshInitiateAuth({ ClientId: 'c1', RefreshToken: 'r1' })).not.toHaveProperty('ClientMetadata');
  });
});

describe('toGetTokensFromRefreshTokenOutput', () => {
  it('keeps the tokens and fills in TokenType and ExpiresIn from the access token', () => {
    const access = jwt({ iat: 1000, exp: 4600 });

    const output = toGetTokensFromRefreshTokenOutput({ AuthenticationResult: { AccessToken: access, IdToken: 'id' } });

    expect(output).toEqual({ AuthenticationResult: { AccessToken: access, IdToken: 'id', TokenType: 'Bearer', ExpiresIn: 3600 } });
  });

  it('passes a rotated refresh token through', () => {
    const output = toGetTokensFromRefreshTokenOutput({ AuthenticationResult: { AccessToken: jwt({}), RefreshToken: 'r2' } });

    expect(output.AuthenticationResult).toMatchObject({ RefreshToken: 'r2', ExpiresIn: undefined });
  });

  it('survives an answer without a result', () => {
    expect(toGetTokensFromRefreshTokenOutput(null)).toEqual({
      AuthenticationResult: { AccessToken: undefined, IdToken: undefined, TokenType: 'Bearer', ExpiresIn: undefined },
    });
  });
});

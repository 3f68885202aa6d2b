import { describe, expect, it } from 'vitest';
import { adminCorsHeaders, adminRefusal } from './admin-request.ts';
import { ADMIN_TOKEN_HEADER, createLocalAccess, type LocalAccess } from './local-access.ts';

const access: LocalAccess = { adminToken: 'a'.repeat(64), appOrigins: ['http://localhost:5173'] };
const JSON_TYPES = ['application/json'];
const good = { 'content-type': 'application/json', [ADMIN_TOKEN_HEADER]: access.adminToken };

describe('adminRefusal', () => {
  it('admits a process with the token and no Origin', () => {
    expect(adminRefusal(good, access, JSON_TYPES)).toBeNull();
  });

  it("admits the app's own origin with the token", () => {
    expect(adminRefusal({ ...good, origin: 'http://localhost:5173' }, access, JSON_TYPES)).toBeNull();
  });

  it.each(['https://evil.example', 'http://localhost:5174', 'null'])('refuses Origin %s first, whatever else it sends', (origin) => {
    expect(adminRefusal({ ...good, origin }, access, JSON_TYPES)?.reason).toBe('origin');
  });

  it.each([['text/plain'], ['text/plain;charset=UTF-8'], ['application/x-www-form-urlencoded'], ['multipart/form-data; boundary=x'], [undefined]])(
    'refuses content type %s',
    (contentType) => {
      const headers = { [ADMIN_TOKEN_HEADER]: access.adminToken, ...(contentType === undefined ? {} : { 'content-type': contentType }) };

      expect(adminRefusal(headers, access, JSON_TYPES)?.reason).toBe('content-type');
    },
  );

  it('accepts JSON with parameters and in any case', () => {
    expect(adminRefusal({ ...good, 'content-type': 'Application/JSON; charset=utf-8' }, access, JSON_TYPES)).toBeNull();
  });

  it('checks no content type for a request without a body', () => {
    expect(adminRefusal({ [ADMIN_TOKEN_HEADER]: access.adminToken }, access)).toBeNull();
  });

  it.each([
    ['no token', undefined],
    ['an empty token', ''],
    ['a wrong token of the same length', 'b'.repeat(64)],
    ['a prefix of the token', 'a'.repeat(63)],
  ])('refuses %s', (_, token) => {
    const headers = { 'content-type': 'application/json', ...(token === undefined ? {} : { [ADMIN_TOKEN_HEADER]: token }) };

    expect(adminRefusal(headers, access, JSON_TYPES)?.reason).toBe('token');
  });
});

describe('adminCorsHeaders', () => {
  it("grants CORS to the app's origin, with the token header allowed", () => {
    expect(adminCorsHeaders('http://localhost:5173', access)).toMatchObject({
      'access-control-allow-origin': 'http://localhost:5173',
      'access-control-allow-headers': `content-type, ${ADMIN_TOKEN_HEADER}`,
    });
  });

  it.each(['https://evil.example', undefined])('grants nothing to %s', (origin) => {
    expect(adminCorsHeaders(origin, access)).toEqual({ vary: 'Origin' });
  });
});

describe('createLocalAccess', () => {
  it('makes a fresh 32-byte hex token each time, for the dev server origins by default', () => {
    const [a, b] = [createLocalAccess(), createLocalAccess()];

    expect(a.adminToken).toMatch(/^[0-9a-f]{64}$/);
    expect(a.adminToken).not.toBe(b.adminToken);
    expect(a.appOrigins).toEqual(['http://localhost:5173', 'http://127.0.0.1:5173']);
  });
});

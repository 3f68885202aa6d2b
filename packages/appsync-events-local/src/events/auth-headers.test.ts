import { describe, expect, it } from 'vitest';
import { frameAuthorization, handshakeAuth, normalizeAuthHeaders, parseSubprotocols, plainHeaders } from './auth-headers.ts';

const encode = (value: unknown) => `header-${Buffer.from(JSON.stringify(value)).toString('base64url')}`;

describe('parseSubprotocols', () => {
  it('splits on commas and trims, as browsers join with ", "', () => {
    expect(parseSubprotocols('aws-appsync-event-ws, header-abc,x')).toEqual(['aws-appsync-event-ws', 'header-abc', 'x']);
    expect(parseSubprotocols(undefined)).toEqual([]);
  });
});

describe('handshakeAuth', () => {
  it('decodes the header subprotocol and lower-cases its keys', () => {
    const result = handshakeAuth(['aws-appsync-event-ws', encode({ Authorization: 'tok', host: 'h' })], { authorization: 'ignored' });

    expect(result).toEqual({ ok: true, headers: { authorization: 'tok', host: 'h' } });
  });

  it('falls back to the upgrade request headers without a header subprotocol', () => {
    expect(handshakeAuth(['aws-appsync-event-ws'], { authorization: 'Bearer tok' })).toEqual({ ok: true, headers: { authorization: 'tok' } });
  });

  it('refuses a header subprotocol that is not base64url JSON', () => {
    expect(handshakeAuth(['header-!!!'], {}).ok).toBe(false);
    expect(handshakeAuth([`header-${Buffer.from('[1]').toString('base64url')}`], {}).ok).toBe(false);
  });
});

describe('frameAuthorization', () => {
  it('prefers the frame authorization object', () => {
    expect(frameAuthorization({ authorization: { Authorization: 'a' }, payload: { extensions: { authorization: { Authorization: 'b' } } } })).toEqual({ authorization: 'a' });
  });

  it('falls back to payload.extensions.authorization, then null', () => {
    expect(frameAuthorization({ payload: { extensions: { authorization: { 'X-Api-Key': 'k' } } } })).toEqual({ 'x-api-key': 'k' });
    expect(frameAuthorization({ authorization: 'not an object' })).toBeNull();
  });
});

describe('normalizeAuthHeaders', () => {
  it('strips a Bearer prefix from authorization only', () => {
    expect(normalizeAuthHeaders({ Authorization: 'bearer abc', 'X-Other': 'Bearer x' })).toEqual({ authorization: 'abc', 'x-other': 'Bearer x' });
  });

  it('keeps SigV4 authorization values intact', () => {
    const sigv4 = 'AWS4-HMAC-SHA256 Credential=a/b, SignedHeaders=host, Signature=c';

    expect(normalizeAuthHeaders({ authorization: sigv4 }).authorization).toBe(sigv4);
  });
});

describe('plainHeaders', () => {
  it('drops cookie, joins arrays and ignores non-strings', () => {
    expect(plainHeaders({ Cookie: 'c', 'X-A': ['1', '2'], n: 3 })).toEqual({ 'x-a': '1, 2' });
  });
});

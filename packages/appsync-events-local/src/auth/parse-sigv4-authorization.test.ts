import { describe, expect, it } from 'vitest';
import { parseAmzDate, parseSigV4Authorization } from './parse-sigv4-authorization.ts';

const signature = 'a'.repeat(64);

describe('parseSigV4Authorization', () => {
  it('reads the credential scope, signed headers and signature', () => {
    const value = `AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/appsync/aws4_request, SignedHeaders=Host;x-amz-date, Signature=${signature}`;

    expect(parseSigV4Authorization(value)).toEqual({
      accessKeyId: 'AKID',
      scopeDate: '20250101',
      region: 'us-east-1',
      service: 'appsync',
      terminator: 'aws4_request',
      signedHeaders: ['host', 'x-amz-date'],
      signature,
    });
  });

  it.each([
    ['a JWT', 'eyJhbGciOi.x.y'],
    ['a short credential', `AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1, SignedHeaders=host, Signature=${signature}`],
    ['no signature', 'AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/appsync/aws4_request, SignedHeaders=host'],
    ['a non-hex signature', 'AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/appsync/aws4_request, SignedHeaders=host, Signature=zz'],
  ])('returns null for %s', (_case, value) => {
    expect(parseSigV4Authorization(value)).toBeNull();
  });
});

describe('parseAmzDate', () => {
  it('parses the basic ISO 8601 form', () => {
    expect(parseAmzDate('20250102T030405Z')?.toISOString()).toBe('2025-01-02T03:04:05.000Z');
  });

  it.each([undefined, '', '2025-01-02T03:04:05Z', '20250102T030405'])('rejects %j', (value) => {
    expect(parseAmzDate(value)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN_HEADER } from '../access/local-access.ts';
import { corsHeaders } from './cors-headers.ts';

describe('corsHeaders', () => {
  it('echoes the origin and allows the requested headers on top of the known ones', () => {
    const headers = corsHeaders('http://localhost:5173', 'X-Amz-Target, X-Custom');

    expect(headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(headers['access-control-allow-headers']?.split(', ')).toEqual(
      expect.arrayContaining(['content-type', 'x-amz-target', 'x-amz-user-agent', 'cache-control', 'x-custom']),
    );
    expect(headers.vary).toBe('Origin');
  });

  it('allows any origin when the request names none', () => {
    expect(corsHeaders(undefined, undefined)['access-control-allow-origin']).toBe('*');
  });

  it("lets only the app's own pages send the admin token header", () => {
    const requested = `x-amz-target, ${ADMIN_TOKEN_HEADER}`;

    expect(corsHeaders('https://evil.example', requested)['access-control-allow-headers']?.split(', ')).not.toContain(ADMIN_TOKEN_HEADER);
    expect(corsHeaders('http://localhost:5173', requested, true)['access-control-allow-headers']?.split(', ')).toContain(ADMIN_TOKEN_HEADER);
  });
});

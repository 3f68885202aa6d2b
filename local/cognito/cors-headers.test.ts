import { describe, expect, it } from 'vitest';
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
});

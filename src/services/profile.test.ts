import { describe, expect, it } from 'vitest';
import { refusalOf } from './profile.ts';

const NOW = Date.parse('2026-11-30T12:00:00.000Z');

/** A failed REST call as aws-amplify rejects it: the response with lower-cased headers and the body as text. */
function restError(statusCode: number, body: string, headers: Record<string, string> = {}): Error {
  return Object.assign(new Error('Unknown error'), { name: 'UnknownError', response: { statusCode, headers, body } });
}

describe('refusalOf', () => {
  it('reads a 409 as the server’s reason at its field', () => {
    const cause = restError(409, JSON.stringify({ message: 'That name looks like another member’s', field: 'displayName' }));

    expect(refusalOf(cause, NOW)).toEqual({ status: 409, message: 'That name looks like another member’s', field: 'displayName' });
  });

  it('reads a 429 with when to try again, from Retry-After', () => {
    const cause = restError(429, JSON.stringify({ message: 'Too many name changes today' }), { 'retry-after': '3600' });

    expect(refusalOf(cause, NOW)).toEqual({ status: 429, message: 'Too many name changes today', retryAt: '2026-11-30T13:00:00.000Z' });
  });

  it('reads a 429 whose Retry-After the answer does not show, without a time', () => {
    expect(refusalOf(restError(429, JSON.stringify({ message: 'Too many name changes today' })), NOW)).toEqual({
      status: 429,
      message: 'Too many name changes today',
    });
  });

  it('drops a field the form does not have', () => {
    expect(refusalOf(restError(400, JSON.stringify({ message: 'bad', field: 'sub' })), NOW)).toEqual({ status: 400, message: 'bad' });
  });

  it.each([
    ['a server failure', restError(500, JSON.stringify({ message: 'Internal error' }))],
    ['an expired session', restError(401, JSON.stringify({ message: 'Unauthorized' }))],
    ['a body that is not JSON', restError(409, '<html>proxy</html>')],
    ['a body off the contract', restError(409, JSON.stringify({ error: 'taken' }))],
    ['a network error', new TypeError('Failed to fetch')],
    ['a thrown non-error', 'boom'],
  ])('is no refusal for %s', (_what, cause) => {
    expect(refusalOf(cause, NOW)).toBeNull();
  });
});

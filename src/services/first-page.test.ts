import { describe, expect, it, vi } from 'vitest';
import type { AmplifyOutputs } from '../../core/outputs.ts';
import { storedMessage } from '../test-support/fake-services.ts';
import { adoptFirstPage, fetchFirstPage, roomOfPath, storedAccessToken } from './first-page.ts';

const NOW = Date.UTC(2026, 11, 6, 12);
const CLIENT = 'client-1';
const outputs = {
  version: '1.4',
  auth: { aws_region: 'eu-west-1', user_pool_id: 'pool', user_pool_client_id: CLIENT },
  custom: {
    events: { url: 'https://events.example/event', aws_region: 'eu-west-1', default_authorization_type: 'AMAZON_COGNITO_USER_POOLS' },
    API: { parley: { endpoint: 'https://api.example/', region: 'eu-west-1' } },
  },
} satisfies AmplifyOutputs;

/** A JWT whose payload says it expires at `expMs` (the signature is never checked here). */
function token(expMs: number): string {
  const encode = (value: object) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${encode({ alg: 'none' })}.${encode({ exp: expMs / 1000, sub: 'alice' })}.sig`;
}

function storage(entries: Record<string, string>): Pick<Storage, 'getItem'> {
  return { getItem: (key) => entries[key] ?? null };
}

const signedIn = (expMs = NOW + 3_600_000) =>
  storage({
    [`CognitoIdentityServiceProvider.${CLIENT}.LastAuthUser`]: 'alice-uuid',
    [`CognitoIdentityServiceProvider.${CLIENT}.alice-uuid.accessToken`]: token(expMs),
  });

describe('a deep link’s first page', () => {
  it('reads the room of a room path only', () => {
    expect(roomOfPath('/rooms/lobby')).toBe('lobby');
    expect(roomOfPath('/rooms')).toBeNull();
    expect(roomOfPath('/rooms/lobby/extra')).toBeNull();
    expect(roomOfPath('/rooms/Not%20A%20Room')).toBeNull();
    expect(roomOfPath('/moderation')).toBeNull();
  });

  it('uses the stored access token of the last user only while it is good for a minute more', () => {
    expect(storedAccessToken(signedIn(), CLIENT, NOW)).toBe(token(NOW + 3_600_000));
    expect(storedAccessToken(signedIn(NOW + 30_000), CLIENT, NOW)).toBeNull();
    expect(storedAccessToken(signedIn(), 'another-client', NOW)).toBeNull();
    expect(storedAccessToken(storage({}), CLIENT, NOW)).toBeNull();
    expect(storedAccessToken(storage({ [`CognitoIdentityServiceProvider.${CLIENT}.LastAuthUser`]: 'u', [`CognitoIdentityServiceProvider.${CLIENT}.u.accessToken`]: 'not-a-jwt' }), CLIENT, NOW)).toBeNull();
  });

  it('requests the newest page of the linked room with the stored token, as the app would', async () => {
    const page = { items: [storedMessage('lobby', 1)] };
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify(page), { status: 200 }));

    const first = fetchFirstPage({ path: '/rooms/lobby', outputs, storage: signedIn(), fetch: fetchImpl, nowMs: NOW });

    expect(fetchImpl).toHaveBeenCalledWith('https://api.example/rooms/lobby/messages?limit=50', {
      headers: { Authorization: `Bearer ${token(NOW + 3_600_000)}` },
    });
    expect(await adoptFirstPage(first!, 'lobby', 50)).toEqual(page);
  });

  it.each([
    ['not a room', '/rooms', signedIn()],
    ['no stored session', '/rooms/lobby', storage({})],
    ['a token about to expire', '/rooms/lobby', signedIn(NOW + 1_000)],
  ])('sends nothing for %s', (_what, path, stored) => {
    const fetchImpl = vi.fn<typeof fetch>();

    expect(fetchFirstPage({ path, outputs, storage: stored, fetch: fetchImpl, nowMs: NOW })).toBeNull();
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it.each([
    ['another room', 'random', 50, { items: [] }, 200],
    ['another page size', 'lobby', 20, { items: [] }, 200],
    ['a failed request', 'lobby', 50, { message: 'Unauthorized' }, 401],
    ['a malformed answer', 'lobby', 50, { items: [{ id: 'x' }] }, 200],
  ])('is not adopted for %s: the app asks as usual', async (_what, roomId, limit, body, status) => {
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify(body), { status }));
    const first = fetchFirstPage({ path: '/rooms/lobby', outputs, storage: signedIn(), fetch: fetchImpl, nowMs: NOW });

    expect(await adoptFirstPage(first!, roomId, limit)).toBeNull();
  });
});

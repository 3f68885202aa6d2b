/**
 * Profiles end to end on the local cloud, with real JWTs from the real aws-amplify client: the
 * first sign-in's profile in the tokens, `GET`/`PUT /me`, a rename reaching the next token, the
 * audit entry, the hold on a released name, the daily limit, and the attacks of the review:
 * impersonating another member by name ("Alice", "Аlice\u200B", "ALICE", "AIice"), passing as
 * staff ("Morgan (mod)"), and writing `preferred_username` or `name` in Cognito directly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, ModerationPage } from '../../core/moderation.ts';
import { DISPLAY_NAME_CLAIM, HANDLE_CLAIM, type Profile } from '../../core/profile.ts';
import { MODERATORS_GROUP } from '../../amplify/definition.ts';
import { type LocalCloud, startLocalCloud } from '../../local/local-cloud.ts';
import { type AmplifyTestClient, startAmplifyClient } from '../support/amplify-client.ts';

const PASSWORD = 'Profile-test-1';
const users = [
  { email: 'alice@parley.local', password: PASSWORD, displayName: 'Alice', groups: [] },
  { email: 'bob@parley.local', password: PASSWORD, displayName: 'Bob', groups: [] },
  { email: 'mod@parley.local', password: PASSWORD, displayName: 'Morgan', groups: [MODERATORS_GROUP] },
  { email: 'carol@parley.local', password: PASSWORD, displayName: 'Carol', groups: [] },
  { email: 'dave@parley.local', password: PASSWORD, displayName: 'Dave', groups: [] },
];

const claimsOf = (jwt: string | undefined) => JSON.parse(Buffer.from((jwt ?? '').split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

describe('profiles on the local cloud', () => {
  let cloud: LocalCloud;
  const clients: Record<string, AmplifyTestClient> = {};

  const me = async (name: string) => JSON.parse((await clients[name]!.http('GET', '/me')).text) as Profile;
  const rename = async (name: string, body: unknown) => {
    const { statusCode, headers, text } = await clients[name]!.http('PUT', '/me', { body });
    return { statusCode, retryAfter: headers['retry-after'], body: JSON.parse(text) as Record<string, unknown> };
  };

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, users });
    for (const user of users) {
      const name = user.email.split('@')[0]!;
      clients[name] = startAmplifyClient(cloud.outputs);
      await clients[name].signIn(user.email, user.password);
    }
  });

  afterAll(async () => {
    await Promise.all(Object.values(clients).map((client) => client.close()));
    await cloud?.close();
  });

  it('gives each account a profile at its first sign-in, in both tokens and from GET /me', async () => {
    const tokens = await clients.alice!.tokens();

    expect(claimsOf(tokens.accessToken)).toMatchObject({ [HANDLE_CLAIM]: 'alice', [DISPLAY_NAME_CLAIM]: 'Alice' });
    expect(claimsOf(tokens.idToken)).toMatchObject({ [HANDLE_CLAIM]: 'alice', [DISPLAY_NAME_CLAIM]: 'Alice' });
    expect(await me('alice')).toMatchObject({ handle: 'alice', displayName: 'Alice', moderator: false });
    // "mod" is reserved, so the moderator's email gives the next handle; the badge says moderator.
    expect(await me('mod')).toMatchObject({ handle: 'mod2', displayName: 'Morgan', moderator: true });
  });

  it.each([
    [{ displayName: 'Alice' }, 'displayName', 'taken'],
    [{ displayName: 'Аlice\u200B' }, 'displayName', 'taken'], // Cyrillic А and a zero-width space
    [{ displayName: 'ALICE' }, 'displayName', 'taken'],
    [{ displayName: 'AIice' }, 'displayName', 'taken'], // capital I
    [{ displayName: 'Morgan (mod)' }, 'displayName', 'reserved'],
    [{ handle: 'alice' }, 'handle', 'taken'],
  ])("refuses Bob's PUT /me %j with 409 on the field", async (body, field, reason) => {
    const response = await rename('bob', body);

    expect(response).toMatchObject({ statusCode: 409, body: { field, message: expect.stringContaining(reason) } });
    expect(await me('bob')).toMatchObject({ handle: 'bob', displayName: 'Bob' });
  });

  it.each(['preferred_username', 'name'])("refuses Cognito's UpdateUserAttributes of %s, and no claim changes", async (attribute) => {
    await expect(clients.bob!.updateAttributes({ [attribute]: 'Alice' })).rejects.toThrow('NotAuthorizedException: A client attempted to write unauthorized attribute');

    const refreshed = await clients.bob!.tokens(true);

    expect(claimsOf(refreshed.accessToken)).toMatchObject({ [HANDLE_CLAIM]: 'bob', [DISPLAY_NAME_CLAIM]: 'Bob' });
    expect(claimsOf(refreshed.idToken).preferred_username).toBeUndefined();
  });

  it('refuses a sign-up that sets preferred_username', async () => {
    const stranger = startAmplifyClient(cloud.outputs);

    const attempt = stranger.signUp('stranger@parley.local', PASSWORD, { preferred_username: 'Alice' });

    await expect(attempt).rejects.toThrow('NotAuthorizedException: A client attempted to write unauthorized attribute');
    await stranger.close();
  });

  it('renames Bob (200), puts the new names in the next token, audits it, and holds his old names', async () => {
    const bob = await me('bob');

    const response = await rename('bob', { displayName: 'Robert', handle: 'robert' });
    const before = claimsOf((await clients.bob!.tokens()).accessToken);
    const after = claimsOf((await clients.bob!.tokens(true)).accessToken);
    const audit = JSON.parse((await clients.mod!.http('GET', '/moderation/audit')).text) as ModerationPage<AuditEntry>;
    const takeHandle = await rename('dave', { handle: 'bob' });
    const takeName = await rename('dave', { displayName: 'Bob' });

    expect(response).toMatchObject({ statusCode: 200, body: { sub: bob.sub, handle: 'robert', displayName: 'Robert', moderator: false } });
    expect(before).toMatchObject({ [HANDLE_CLAIM]: 'bob', [DISPLAY_NAME_CLAIM]: 'Bob' });
    expect(after).toMatchObject({ [HANDLE_CLAIM]: 'robert', [DISPLAY_NAME_CLAIM]: 'Robert' });
    expect(audit.items.filter((entry) => entry.action === 'user.renamed')).toEqual([
      expect.objectContaining({
        user: { sub: bob.sub, handle: 'robert', displayName: 'Robert', moderator: false },
        previous: { handle: 'bob', displayName: 'Bob' },
        moderator: { sub: bob.sub, handle: 'robert', displayName: 'Robert' },
      }),
    ]);
    expect(takeHandle).toMatchObject({ statusCode: 409, body: { field: 'handle', message: '@bob is taken' } });
    expect(takeName).toMatchObject({ statusCode: 409, body: { field: 'displayName' } });
  });

  it('answers the 6th name change of a day with 429 and Retry-After, and keeps the 5th', async () => {
    const statuses = [];
    for (let i = 1; i <= 5; i += 1) statuses.push((await rename('carol', { displayName: `Carol ${i}` })).statusCode);

    const sixth = await rename('carol', { displayName: 'Carol 6' });

    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(sixth).toMatchObject({ statusCode: 429, body: { message: expect.stringMatching(/^You can change your name at most 5 times a day; try again in 2[34] h$/) } });
    expect(Number(sixth.retryAfter)).toBeGreaterThan(24 * 3600 - 120);
    expect(Number(sixth.retryAfter)).toBeLessThanOrEqual(24 * 3600);
    expect(await me('carol')).toMatchObject({ displayName: 'Carol 5' });
  });
});

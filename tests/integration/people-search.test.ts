/**
 * The "New message" picker's people search end to end: accounts whose profiles the local cloud's
 * pre-token-generation trigger created at their first sign-in are found by the start of their
 * handle through the HTTP API's `GET /people` (real aws-amplify client, real tokens, the members
 * Lambda on the embedded DynamoDB), a rename moves them to the new handle, and the handle found
 * opens the DM.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPeopleList, type PeopleList } from '../../core/people.ts';
import type { Room } from '../../core/rooms.ts';
import { demoUsers } from '../../local/demo-users.ts';
import { type LocalCloud, startLocalCloud } from '../../local/local-cloud.ts';
import { type AmplifyTestClient, startAmplifyClient } from '../support/amplify-client.ts';

const birds = ['Bobolink', 'Bobwhite'].map((name) => ({ email: `${name.toLowerCase()}@parley.local`, password: 'Parley-demo-1', displayName: name, groups: [] }));

describe('people search against the local cloud', () => {
  let cloud: LocalCloud;
  let alice: AmplifyTestClient;
  let bob: AmplifyTestClient;
  let signedIn: AmplifyTestClient[] = [];

  async function signIn(email: string): Promise<AmplifyTestClient> {
    const client = startAmplifyClient(cloud.outputs);
    signedIn.push(client);
    await client.signIn(email, 'Parley-demo-1');
    return client;
  }

  async function search(who: AmplifyTestClient, q: string): Promise<PeopleList> {
    const { body } = await who.rest('GET', `/people?q=${encodeURIComponent(q)}`);
    const checked = checkPeopleList(body);
    if (!checked.ok) throw new Error(checked.error);
    return checked.value;
  }

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, rateLimit: 'off', roomLimit: 'off', users: [...demoUsers, ...birds] });
    [alice, bob] = await Promise.all([signIn('alice@parley.local'), signIn('bob@parley.local'), ...birds.map((bird) => signIn(bird.email))]);
  });

  afterAll(async () => {
    await Promise.all(signedIn.map((client) => client.close()));
    signedIn = [];
    await cloud?.close();
  });

  it('finds the accounts whose handle starts with what was typed, in handle order, with their display names, never the caller', async () => {
    const fromAlice = await search(alice, '@Bo');
    const fromBob = await search(bob, 'bo');

    expect(fromAlice.items.map(({ handle, displayName }) => `${displayName} @${handle}`)).toEqual(['Bob @bob', 'Bobolink @bobolink', 'Bobwhite @bobwhite']);
    expect(fromBob.items.map((person) => person.handle)).toEqual(['bobolink', 'bobwhite']);
  });

  it('finds nobody for text no handle can start with, and refuses an empty search with 400 and its reason', async () => {
    const blank = await alice.http('GET', '/people?q=%20%40');

    expect(await search(alice, 'bob white')).toEqual({ items: [] });
    expect(blank.statusCode).toBe(400);
    expect(JSON.parse(blank.text)).toEqual({ message: expect.stringMatching(/^q is empty/) });
  });

  it('refuses a search without a token, as every route', async () => {
    expect((await alice.http('GET', '/people?q=bo', { withToken: false })).statusCode).toBe(401);
  });

  it('follows a rename to the new handle, and the handle found opens the DM', async () => {
    const robin = await signIn('bobolink@parley.local');
    await robin.rest('PUT', '/me', { handle: 'robin_red' });

    const found = await search(alice, 'robin');
    const stale = await search(alice, 'bobolink');
    const dm = (await alice.rest('POST', '/dms', { handle: found.items[0]!.handle })).body as Room;

    expect(found.items).toEqual([{ sub: expect.any(String), handle: 'robin_red', displayName: 'Bobolink' }]);
    expect(stale.items).toEqual([]);
    expect(dm).toMatchObject({ kind: 'dm', peer: { handle: 'robin_red', displayName: 'Bobolink' } });
  });
});

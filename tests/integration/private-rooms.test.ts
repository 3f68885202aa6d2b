/**
 * Private rooms, members and DMs end to end, through the local cloud's HTTP API, Event API and
 * Lambdas with the real aws-amplify client and real tokens: who sees which room in `GET /rooms`,
 * that a non-member meets exactly the 404 of a room that does not exist on every door, invitations,
 * removals (the epoch moves on, announced on the channel the members listen on) and leaving, and
 * one DM per pair even when both open it at once.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomChannel } from '../../core/channels.ts';
import type { Room, RoomList } from '../../core/history-api.ts';
import type { AuditEntry, ModerationPage } from '../../core/moderation.ts';
import { demoUsers } from '../../local/demo-users.ts';
import { type LocalCloud, startLocalCloud } from '../../local/local-cloud.ts';
import { type AmplifyTestClient, startAmplifyClient } from '../support/amplify-client.ts';

const carolUser = { email: 'carol@parley.local', password: 'Parley-demo-1', displayName: 'Carol', groups: [] };

interface Account {
  client: AmplifyTestClient;
  sub: string;
  handle: string;
  displayName: string;
}

describe('private rooms, members and DMs against the local cloud', () => {
  let cloud: LocalCloud;
  let alice: Account;
  let bob: Account;
  let carol: Account;
  let mod: Account;

  async function account(email: string, password: string): Promise<Account> {
    const client = startAmplifyClient(cloud.outputs);
    await client.signIn(email, password);
    const me = (await client.rest('GET', '/me')).body as { sub: string; handle: string; displayName: string };
    return { client, sub: me.sub, handle: me.handle, displayName: me.displayName };
  }

  const ref = (who: Account) => ({ sub: who.sub, handle: who.handle, displayName: who.displayName });

  async function call(who: Account, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) {
    const { statusCode, text } = await who.client.http(method, path, body === undefined ? {} : { body });
    return { statusCode, body: JSON.parse(text) as Record<string, unknown> };
  }

  async function listed(who: Account): Promise<Room[]> {
    const rooms: Room[] = [];
    let cursor: string | undefined;
    do {
      const page = (await who.client.rest('GET', `/rooms${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`)).body as RoomList;
      rooms.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return rooms;
  }

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, rateLimit: 'off', roomLimit: 'off', users: [...demoUsers, carolUser] });
    [alice, bob, carol, mod] = await Promise.all([
      account('alice@parley.local', 'Parley-demo-1'),
      account('bob@parley.local', 'Parley-demo-1'),
      account(carolUser.email, carolUser.password),
      account('mod@parley.local', 'Parley-demo-1'),
    ]);
  });

  afterAll(async () => {
    await Promise.all([alice, bob, carol, mod].map((who) => who?.client.close()));
    await cloud?.close();
  });

  it('answers a non-member of a private room exactly what a room that does not exist answers: history, gap fill, room, members', async () => {
    const room = (await call(alice, 'POST', '/rooms', { name: 'Secret plans', kind: 'private' })).body as unknown as Room;
    expect(await alice.client.post(roomChannel(room.id, room.epoch), [{ type: 'message', clientMsgId: randomUUID(), text: 'the plan' }])).toBeNull();
    const missing = 'p-00000000000000000000000000';
    const doors = (who: Account, roomId: string) =>
      Promise.all([
        call(who, 'GET', `/rooms/${roomId}`),
        call(who, 'GET', `/rooms/${roomId}/messages`),
        call(who, 'GET', `/rooms/${roomId}/messages?after=01KB0000000000000000000000`),
        call(who, 'GET', `/rooms/${roomId}/members`),
      ]);

    const [asCarol, asModerator, nowhere, asAlice] = await Promise.all([doors(carol, room.id), doors(mod, room.id), doors(carol, missing), doors(alice, room.id)]);

    const anonymized = (answers: unknown[], id: string) => JSON.stringify(answers).replaceAll(id, '<id>');
    expect(asCarol.map((a) => a.statusCode)).toEqual([404, 404, 404, 404]);
    expect(anonymized(asCarol, room.id)).toBe(anonymized(nowhere, missing));
    expect(anonymized(asModerator, room.id)).toBe(anonymized(nowhere, missing));
    expect(asAlice.map((a) => a.statusCode)).toEqual([200, 200, 200, 200]);
    expect((asAlice[1]!.body.items as { text: string }[]).map((m) => m.text)).toEqual(['the plan']);
  });

  it('invites by handle, announces it to the members, and removes: the epoch moves on, the removed member is out of every door and list', async () => {
    const room = (await call(alice, 'POST', '/rooms', { name: 'Launch', kind: 'private' })).body as unknown as Room;
    expect(room).toMatchObject({ kind: 'private', epoch: expect.any(String) });
    const invited = await call(alice, 'POST', `/rooms/${room.id}/members`, { handle: bob.handle });
    await bob.client.subscribe('launch', roomChannel(room.id, room.epoch));

    const byBob = await call(bob, 'POST', `/rooms/${room.id}/members`, { handle: `@${carol.handle}` });
    const listedBefore = await Promise.all([listed(alice), listed(bob), listed(carol), listed(mod)]);
    const removed = await call(alice, 'DELETE', `/rooms/${room.id}/members/${carol.sub}`);
    const events = await bob.client.waitForEvents('launch', 2);
    const afterRemoval = await call(bob, 'GET', `/rooms/${room.id}`);
    const listedAfter = await Promise.all([listed(carol), listed(mod)]);
    const carolDoor = await call(carol, 'GET', `/rooms/${room.id}/messages`);
    const audit = (await mod.client.rest('GET', `/moderation/audit?roomId=${room.id}`)).body as ModerationPage<AuditEntry>;
    await bob.client.unsubscribe('launch');

    expect(invited).toEqual({ statusCode: 200, body: { member: { ...ref(bob), role: 'member' }, added: true } });
    expect(byBob.statusCode).toBe(200);
    expect(listedBefore.map((rooms) => rooms.some((r) => r.id === room.id))).toEqual([true, true, true, false]);
    expect(listedBefore[1]!.find((r) => r.id === room.id)).toEqual({ id: room.id, name: 'Launch', kind: 'private', lastMessageAt: null, epoch: room.epoch });
    expect(removed).toEqual({ statusCode: 200, body: { removed: ref(carol) } });
    expect(events).toEqual([
      { type: 'member.added', roomId: room.id, member: ref(carol), by: ref(bob) },
      { type: 'member.removed', roomId: room.id, member: ref(carol), by: ref(alice) },
    ]);
    expect(afterRemoval.statusCode).toBe(200);
    expect(afterRemoval.body.epoch).not.toBe(room.epoch);
    expect(listedAfter.map((rooms) => rooms.some((r) => r.id === room.id))).toEqual([false, false]);
    expect(carolDoor).toEqual({ statusCode: 404, body: { message: `Room ${room.id} not found` } });
    expect(audit.items.map((entry) => [entry.action, 'member' in entry ? entry.member?.handle : undefined, entry.moderator.handle])).toEqual([
      ['member.removed', carol.handle, alice.handle],
      ['member.added', carol.handle, bob.handle],
      ['member.added', bob.handle, alice.handle],
    ]);
  });

  it('lets a member leave and only the owner (or a moderator) remove others', async () => {
    const room = (await call(alice, 'POST', '/rooms', { name: 'Book club', kind: 'private' })).body as unknown as Room;
    await call(alice, 'POST', `/rooms/${room.id}/members`, { handle: bob.handle });
    await call(alice, 'POST', `/rooms/${room.id}/members`, { handle: carol.handle });

    const bobRemovesCarol = await call(bob, 'DELETE', `/rooms/${room.id}/members/${carol.sub}`);
    const bobLeaves = await call(bob, 'DELETE', `/rooms/${room.id}/members/${bob.sub}`);
    const modRemovesCarol = await call(mod, 'DELETE', `/rooms/${room.id}/members/${carol.sub}`);
    const members = await call(alice, 'GET', `/rooms/${room.id}/members`);

    expect(bobRemovesCarol).toEqual({ statusCode: 403, body: { message: "Only the room's owner or a moderator may remove members" } });
    expect(bobLeaves.statusCode).toBe(200);
    expect(modRemovesCarol.statusCode).toBe(200);
    expect(members).toEqual({ statusCode: 200, body: { items: [{ ...ref(alice), role: 'owner' }] } });
    expect((await call(bob, 'GET', `/rooms/${room.id}`)).statusCode).toBe(404);
  });

  it('opens exactly one DM when both open it at once, lists it to the two with the other person, and to nobody else', async () => {
    const [fromAlice, fromBob] = await Promise.all([call(alice, 'POST', '/dms', { handle: bob.handle }), call(bob, 'POST', '/dms', { handle: alice.handle })]);
    const again = await call(alice, 'POST', '/dms', { handle: bob.handle });
    const self = await call(alice, 'POST', '/dms', { handle: alice.handle });
    const unknown = await call(alice, 'POST', '/dms', { handle: 'no_such_person' });
    const dmId = fromAlice.body.id as string;
    const open = (await call(carol, 'POST', '/rooms', { name: `Open ${randomUUID().slice(0, 8)}` })).body as unknown as Room;
    const missing = 'd-00000000000000000000000000';
    const doors = (roomId: string) =>
      Promise.all([
        call(carol, 'GET', `/rooms/${roomId}`),
        call(carol, 'GET', `/rooms/${roomId}/messages`),
        call(carol, 'GET', `/rooms/${roomId}/messages?after=01KB0000000000000000000000`),
        call(carol, 'GET', `/rooms/${roomId}/members`),
      ]);

    const [forAlice, forBob, forCarol, forMod] = await Promise.all([listed(alice), listed(bob), listed(carol), listed(mod)]);
    const [dmDoors, missingDoors] = await Promise.all([doors(dmId), doors(missing)]);

    expect([fromAlice.statusCode, fromBob.statusCode].sort()).toEqual([200, 201]);
    expect(fromBob.body.id).toBe(dmId);
    expect(again).toMatchObject({ statusCode: 200, body: { id: dmId, kind: 'dm', peer: ref(bob) } });
    expect(self.statusCode).toBe(400);
    expect(unknown).toEqual({ statusCode: 404, body: { message: 'Nobody has the handle @no_such_person', field: 'handle' } });
    expect(forAlice.filter((r) => r.kind === 'dm' && r.peer?.sub === bob.sub).map((r) => r.id)).toEqual([dmId]);
    expect(forBob.find((r) => r.id === dmId)).toMatchObject({ kind: 'dm', peer: ref(alice), epoch: fromAlice.body.epoch });
    expect(forCarol.some((r) => r.id === dmId)).toBe(false);
    expect(forMod.some((r) => r.id === dmId)).toBe(false);
    expect([forAlice, forBob, forCarol, forMod].map((rooms) => rooms.find((r) => r.id === open.id)?.kind)).toEqual(['public', 'public', 'public', 'public']);
    expect(dmDoors.map((answer) => answer.statusCode)).toEqual([404, 404, 404, 404]);
    expect(JSON.stringify(dmDoors).replaceAll(dmId, '<id>')).toBe(JSON.stringify(missingDoors).replaceAll(missing, '<id>'));
  });
});

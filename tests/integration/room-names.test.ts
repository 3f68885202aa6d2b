/**
 * Room names end to end, through the local cloud's HTTP API, Event API and Lambdas with the real
 * aws-amplify client and real tokens: names that hide or reorder characters are stored as they
 * read, a look-alike of an existing room returns that room, and a moderator (only) renames and
 * archives rooms, which members see at once and cannot post in.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEventError } from '../../core/event-errors.ts';
import type { Room, RoomList } from '../../core/history-api.ts';
import type { AuditEntry, ModerationPage, RoomActionResult } from '../../core/moderation.ts';
import { type LocalCloud, startLocalCloud } from '../../local/local-cloud.ts';
import { type AmplifyTestClient, signedInDemoClients } from '../support/amplify-client.ts';

describe('room names and room moderation against the local cloud', () => {
  let cloud: LocalCloud;
  let aliceClient: AmplifyTestClient;
  let bobClient: AmplifyTestClient;
  let modClient: AmplifyTestClient;

  const create = async (client: AmplifyTestClient, name: string) => {
    const { statusCode, text } = await client.http('POST', '/rooms', { body: { name } });
    return { statusCode, body: JSON.parse(text) as Room & { message?: string } };
  };
  const listed = async (client: AmplifyTestClient): Promise<string[]> => {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (await client.rest('GET', `/rooms${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`)).body as RoomList;
      ids.push(...page.items.map((room) => room.id));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return ids;
  };
  const say = (client: AmplifyTestClient, roomId: string, text: string) => client.post(`/chat/rooms/${roomId}`, [{ type: 'message', clientMsgId: randomUUID(), text }]);

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, rateLimit: 'off', roomLimit: 'off' });
    [aliceClient, bobClient, modClient] = (await signedInDemoClients(cloud.outputs, 'alice', 'bob', 'mod')) as [AmplifyTestClient, AmplifyTestClient, AmplifyTestClient];
  });

  afterAll(async () => {
    await Promise.all([aliceClient?.close(), bobClient?.close(), modClient?.close()]);
    await cloud?.close();
  });

  it('stores “a\\u202Egnp.exe” as “agnp.exe”: the bidi override is gone from the name and its id', async () => {
    const created = await create(aliceClient, 'a\u202Egnp.exe');
    const { body: read } = await bobClient.rest('GET', '/rooms/agnp-exe');

    expect(created).toEqual({ statusCode: 201, body: { id: 'agnp-exe', name: 'agnp.exe', kind: 'public', lastMessageAt: null } });
    expect(read).toEqual(created.body);
  });

  it('stores “Ann\\u200Bouncements” as “Announcements”, and returns that room to the next one who tries', async () => {
    const first = await create(aliceClient, 'Ann\u200Bouncements');
    const second = await create(bobClient, 'Ann\u200Bouncements');
    const plain = await create(bobClient, 'Announcements');

    expect(first).toEqual({ statusCode: 201, body: { id: 'announcements', name: 'Announcements', kind: 'public', lastMessageAt: null } });
    expect([second, plain]).toEqual([
      { statusCode: 200, body: first.body },
      { statusCode: 200, body: first.body },
    ]);
  });

  it('returns “Lobby” unchanged to “Ⅼobby” (a Roman numeral Ⅼ) and to a Cyrillic “Lоbby”, and lists one room', async () => {
    await create(aliceClient, 'Lobby');

    const roman = await create(bobClient, 'Ⅼobby');
    const cyrillic = await create(bobClient, 'Lоbby');
    const rooms = await listed(bobClient);

    expect([roman, cyrillic]).toEqual([
      { statusCode: 200, body: { id: 'lobby', name: 'Lobby', kind: 'public', lastMessageAt: null } },
      { statusCode: 200, body: { id: 'lobby', name: 'Lobby', kind: 'public', lastMessageAt: null } },
    ]);
    expect(rooms.filter((id) => ['lobby', 'l-bby'].includes(id))).toEqual(['lobby']);
  });

  it('stores a first “Ⅼounge” (a Roman numeral Ⅼ) as “Lounge”, the name its id reads as, and returns it to “Lounge”', async () => {
    const roman = await create(bobClient, '\u216Counge');
    const plain = await create(aliceClient, 'Lounge');

    expect(roman).toEqual({ statusCode: 201, body: { id: 'lounge', name: 'Lounge', kind: 'public', lastMessageAt: null } });
    expect(plain).toEqual({ statusCode: 200, body: roman.body });
  });

  it('answers 400 with the rule to a name of invisible characters only, as aws-amplify passes it on', async () => {
    await expect(aliceClient.rest('POST', '/rooms', { name: '\u200B\u2066\u3164' })).rejects.toThrow('name is empty after removing spaces, controls and invisible characters');
  });

  it.each([
    ['rename', { name: 'Taken' }],
    ['archive', {}],
    ['unarchive', {}],
  ])('refuses a member’s %s with 403 and leaves the room as it was', async (action, body) => {
    const room = (await create(aliceClient, `Members ${randomUUID().slice(0, 8)}`)).body;

    const refused = await aliceClient.http('POST', `/moderation/rooms/${room.id}/${action}`, { body });

    expect(refused.statusCode).toBe(403);
    expect((await bobClient.rest('GET', `/rooms/${room.id}`)).body).toEqual(room);
  });

  it('renames a room for a moderator: same id, members subscribed see room.updated, the audit log has it, and a look-alike of another room is 409', async () => {
    const room = (await create(aliceClient, `Plans ${randomUUID().slice(0, 8)}`)).body;
    await create(aliceClient, 'Roadmap');
    await bobClient.subscribe('renamed', `/chat/rooms/${room.id}`);

    const renamed = (await modClient.rest('POST', `/moderation/rooms/${room.id}/rename`, { name: 'Plans\u200B 2027', reason: 'new year' })).body as RoomActionResult;
    const [event] = await bobClient.waitForEvents('renamed', 1);
    const conflict = await modClient.http('POST', `/moderation/rooms/${room.id}/rename`, { body: { name: 'Rоadmap' } });
    const audit = (await modClient.rest('GET', `/moderation/audit?roomId=${room.id}`)).body as ModerationPage<AuditEntry>;
    await bobClient.unsubscribe('renamed');

    const expected = { id: room.id, name: 'Plans 2027', kind: 'public', lastMessageAt: null };
    expect(renamed).toEqual({ room: expected, changed: true });
    expect(event).toEqual({ type: 'room.updated', room: expected });
    expect(conflict.statusCode).toBe(409);
    expect(JSON.parse(conflict.text).message).toBe('“Rоadmap” looks like the room “Roadmap” (roadmap); choose another name');
    expect(audit.items.map((entry) => [entry.action, 'previousName' in entry ? entry.previousName : undefined, 'name' in entry ? entry.name : undefined, entry.reason])).toEqual([
      ['room.renamed', room.name, 'Plans 2027', 'new year'],
    ]);
  });

  it('archives a room: members see it go read-only, their publishes fail with ROOM_ARCHIVED, it leaves the list, and its history stays readable', async () => {
    const room = (await create(aliceClient, `Retro ${randomUUID().slice(0, 8)}`)).body;
    expect(await say(aliceClient, room.id, 'before the archive')).toBeNull();
    await bobClient.subscribe('archived', `/chat/rooms/${room.id}`);

    await modClient.rest('POST', `/moderation/rooms/${room.id}/archive`, { reason: 'done' });
    const [event] = await bobClient.waitForEvents('archived', 1);
    const failed = (await say(aliceClient, room.id, 'after the archive')) as { message?: string }[] | null;
    const rooms = await listed(aliceClient);
    const history = (await aliceClient.rest('GET', `/rooms/${room.id}/messages`)).body as { items: { text?: string }[] };
    const read = (await aliceClient.rest('GET', `/rooms/${room.id}`)).body;
    await bobClient.unsubscribe('archived');

    expect(event).toEqual({ type: 'room.updated', room: { ...room, lastMessageAt: expect.any(String), archived: true } });
    expect(failed).toHaveLength(1);
    expect(parseEventError(failed?.[0]?.message)).toEqual({ code: 'ROOM_ARCHIVED', detail: `Room ${room.id} is archived; it is read-only` });
    expect(rooms).not.toContain(room.id);
    expect(history.items.map((item) => item.text)).toEqual(['before the archive']);
    expect(read).toMatchObject({ id: room.id, archived: true });
  });

  it('unarchives a room: it is listed again and takes messages', async () => {
    const room = (await create(aliceClient, `Revived ${randomUUID().slice(0, 8)}`)).body;
    await modClient.rest('POST', `/moderation/rooms/${room.id}/archive`, {});

    await modClient.rest('POST', `/moderation/rooms/${room.id}/unarchive`, {});

    expect(await listed(aliceClient)).toContain(room.id);
    expect(await say(aliceClient, room.id, 'back again')).toBeNull();
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, HistoryItem } from '../../core/messages.ts';
import type { AuditEntry, ModeratedMessage, ModerationActionResult, ModerationPage } from '../../core/moderation.ts';
import { decodeJwt } from 'appsync-events-local/src/auth/test-support/test-tokens.ts';
import { type LocalCloud, startLocalCloud } from '../../local/local-cloud.ts';
import { type AmplifyTestClient, signedInDemoClients } from '../support/amplify-client.ts';


const ROUTES: ['GET' | 'POST', string][] = [
  ['GET', '/moderation/messages'],
  ['POST', '/moderation/messages/general/01HZX3JQ5V8D6K2M4N7P9R0STW/remove'],
  ['POST', '/moderation/messages/general/01HZX3JQ5V8D6K2M4N7P9R0STW/restore'],
  ['GET', '/moderation/audit'],
  ['GET', '/moderation/export?format=json'],
];

describe('the moderation API against the local cloud', () => {
  let cloud: LocalCloud;
  let aliceClient: AmplifyTestClient;
  let bobClient: AmplifyTestClient;
  let modClient: AmplifyTestClient;
  const suffix = randomUUID().slice(0, 8);
  const roomA = `mod-a-${suffix}`;
  const roomB = `mod-b-${suffix}`;
  const stored: ChatMessage[] = [];
  let modSub = '';
  let modHandle = '';
  const byText = (text: string) => stored.find((m) => m.text === text)!;

  const listMessages = async (query: string) =>
    (await modClient.rest('GET', `/moderation/messages?${query}`)).body as ModerationPage<ModeratedMessage>;
  const texts = (page: ModerationPage<ModeratedMessage>) => page.items.map((item) => item.message.text);
  const act = async (action: 'remove' | 'restore', message: ChatMessage, body: unknown) =>
    (await modClient.rest('POST', `/moderation/messages/${message.roomId}/${message.id}/${action}`, body)).body as ModerationActionResult;

  async function say(client: AmplifyTestClient, roomId: string, text: string): Promise<void> {
    expect(await client.post(`/chat/rooms/${roomId}`, [{ type: 'message', clientMsgId: randomUUID(), text }])).toBeNull();
  }

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, rateLimit: 'off' });
    [aliceClient, bobClient, modClient] = (await signedInDemoClients(cloud.outputs, 'alice', 'bob', 'mod')) as [AmplifyTestClient, AmplifyTestClient, AmplifyTestClient];
    await aliceClient.rest('POST', '/rooms', { name: roomA });
    await aliceClient.rest('POST', '/rooms', { name: roomB });
    // In order, one at a time, so that ids (time order) follow this list.
    await say(aliceClient, roomA, 'Good morning all');
    await say(bobClient, roomA, 'morning alice');
    await say(aliceClient, roomA, 'Buy CHEAP watches at spam.example');
    await say(bobClient, roomB, 'over here in b');
    await say(aliceClient, roomA, '=cmd|calc "quoted", yes');
    await say(bobClient, roomA, 'bye');
    for (const roomId of [roomA, roomB]) {
      const { body } = await modClient.rest('GET', `/rooms/${roomId}/messages`);
      stored.push(...(body as { items: ChatMessage[] }).items);
    }
    // The moderator's handle comes from the email `mod@…`, which is reserved: a generated one.
    const claims = decodeJwt((await modClient.tokens()).accessToken!);
    [modSub, modHandle] = [String(claims.sub), String(claims['parley:handle'])];
  });

  afterAll(async () => {
    await Promise.all([aliceClient?.close(), bobClient?.close(), modClient?.close()]);
    await cloud?.close();
  });

  it.each(ROUTES)('answers %s %s without a token with the authorizer 401', async (method, path) => {
    const { statusCode } = await bobClient.http(method, path, { withToken: false, body: method === 'POST' ? { reason: 'x' } : undefined });

    expect(statusCode).toBe(401);
  });

  it.each(ROUTES)('answers %s %s for a member with 403', async (method, path) => {
    const { statusCode, text } = await aliceClient.http(method, path, { body: method === 'POST' ? { reason: 'x' } : undefined });

    expect(statusCode).toBe(403);
    expect(JSON.parse(text)).toEqual({ message: expect.any(String) });
  });

  it('lists a room newest first, with each message and its status', async () => {
    const page = await listMessages(`roomId=${roomA}`);

    expect(texts(page)).toEqual(['bye', '=cmd|calc "quoted", yes', 'Buy CHEAP watches at spam.example', 'morning alice', 'Good morning all']);
    expect(page.items[0]).toEqual({ message: byText('bye'), status: 'visible' });
  });

  it('stamps each message with its author\'s profile from the token, the moderator marked', async () => {
    const roomC = `mod-c-${suffix}`;
    await modClient.rest('POST', '/rooms', { name: roomC });
    await say(bobClient, roomC, 'a word from a member');
    await say(modClient, roomC, 'a word from the moderators');
    const { body } = await bobClient.rest('GET', `/rooms/${roomC}/messages`);
    const authors = (body as { items: ChatMessage[] }).items.map((m) => m.author);

    expect(authors).toEqual([
      { sub: modSub, handle: modHandle, displayName: 'Morgan', moderator: true },
      { sub: expect.any(String), handle: 'bob', displayName: 'Bob', moderator: false },
    ]);
  });

  it('finds an author by @handle, exactly that account, whatever display names others use', async () => {
    const byHandle = texts(await listMessages(`author=${encodeURIComponent('@alice')}&roomId=${roomA}`));
    const bare = texts(await listMessages(`author=alice&roomId=${roomA}`));

    expect(byHandle).toEqual(['=cmd|calc "quoted", yes', 'Buy CHEAP watches at spam.example', 'Good morning all']);
    expect(bare).toEqual(byHandle);
    expect((await listMessages(`author=${encodeURIComponent('@nobody_here')}`)).items).toEqual([]);
  });

  it('filters by each filter alone', async () => {
    const middle = byText('Buy CHEAP watches at spam.example').createdAt;

    expect(texts(await listMessages(`author=ALICE&roomId=${roomA}`))).toEqual([
      '=cmd|calc "quoted", yes',
      'Buy CHEAP watches at spam.example',
      'Good morning all',
    ]);
    expect(texts(await listMessages(`author=bob`)).filter((t) => stored.some((m) => m.text === t))).toEqual(['bye', 'over here in b', 'morning alice']);
    expect(texts(await listMessages(`roomId=${roomB}`))).toEqual(['over here in b']);
    expect(texts(await listMessages(`roomId=${roomA}&from=${encodeURIComponent(middle)}`))).toEqual([
      'bye',
      '=cmd|calc "quoted", yes',
      'Buy CHEAP watches at spam.example',
    ]);
    expect(texts(await listMessages(`roomId=${roomA}&to=${encodeURIComponent(middle)}`))).toEqual([
      'Buy CHEAP watches at spam.example',
      'morning alice',
      'Good morning all',
    ]);
    expect(texts(await listMessages(`q=cheap%20WATCHES`))).toEqual(['Buy CHEAP watches at spam.example']);
    expect(texts(await listMessages(`roomId=${roomA}&status=visible`))).toHaveLength(5);
  });

  it('combines filters', async () => {
    const first = byText('Good morning all').createdAt;
    const page = await listMessages(`roomId=${roomA}&author=Bob&from=${encodeURIComponent(first)}&status=visible&q=MORNING`);

    expect(texts(page)).toEqual(['morning alice']);
  });

  it('pages with the cursor, without gaps or duplicates', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listMessages(`roomId=${roomA}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...texts(page));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);

    expect(pages).toBe(3);
    expect(seen).toEqual(['bye', '=cmd|calc "quoted", yes', 'Buy CHEAP watches at spam.example', 'morning alice', 'Good morning all']);
  });

  it('removes live, idempotently, audits it, and hides the text from members; restores it the same way', async () => {
    const spam = byText('Buy CHEAP watches at spam.example');
    await bobClient.subscribe('moderated', `/chat/rooms/${roomA}`);

    const removed = await act('remove', spam, { reason: 'spam' });
    const removedAgain = await act('remove', spam, { reason: 'spam' });

    expect(removed.changed).toBe(true);
    expect(removed.item).toMatchObject({ status: 'removed', removal: { reason: 'spam', by: { displayName: 'Morgan', handle: modHandle } } });
    expect(removedAgain).toEqual({ changed: false, item: removed.item });
    const live = await bobClient.waitForEvents('moderated', 2);
    expect(live).toEqual([
      { type: 'message.removed', roomId: roomA, id: spam.id },
      { type: 'message.removed', roomId: roomA, id: spam.id },
    ]);
    const history = (await bobClient.rest('GET', `/rooms/${roomA}/messages`)).body as { items: HistoryItem[] };
    expect(history.items).toContainEqual({ id: spam.id, roomId: roomA, createdAt: spam.createdAt, removed: true });
    expect(JSON.stringify(history)).not.toContain('spam.example');
    expect(texts(await listMessages('status=removed'))).toEqual(['Buy CHEAP watches at spam.example']);

    const restored = await act('restore', spam, { reason: 'false alarm' });
    const restoredAgain = await act('restore', spam, {});

    expect(restored).toEqual({ changed: true, item: { message: spam, status: 'visible' } });
    expect(restoredAgain.changed).toBe(false);
    const events = await bobClient.waitForEvents('moderated', 4);
    expect(events.slice(2)).toEqual([
      { type: 'message.restored', message: spam },
      { type: 'message.restored', message: spam },
    ]);
    const after = (await bobClient.rest('GET', `/rooms/${roomA}/messages`)).body as { items: HistoryItem[] };
    expect(after.items).toContainEqual(spam);
    const audit = (await modClient.rest('GET', `/moderation/audit?roomId=${roomA}`)).body as ModerationPage<AuditEntry>;
    expect(audit.items.map((e) => [e.action, e.messageId, e.reason, e.moderator.displayName, e.messageAuthor?.displayName])).toEqual([
      ['message.restored', spam.id, 'false alarm', 'Morgan', spam.author.displayName],
      ['message.removed', spam.id, 'spam', 'Morgan', spam.author.displayName],
    ]);
    const byName = (await modClient.rest('GET', `/moderation/audit?moderator=morgan&roomId=${roomA}`)).body as ModerationPage<AuditEntry>;
    const byHandle = (await modClient.rest('GET', `/moderation/audit?moderator=${encodeURIComponent(`@${modHandle}`)}&roomId=${roomA}`)).body as ModerationPage<AuditEntry>;
    expect(byName.items).toEqual(audit.items);
    expect(byHandle.items).toEqual(audit.items);
    await bobClient.unsubscribe('moderated');
  });

  it('refuses an unknown message with 404 and a reason over 500 characters with 400', async () => {
    const unknown = await modClient.http('POST', `/moderation/messages/${roomA}/01HZX3JQ5V8D6K2M4N7P9R0STW/remove`, { body: { reason: 'x' } });
    const tooLong = await modClient.http('POST', `/moderation/messages/${roomA}/${byText('bye').id}/remove`, { body: { reason: 'x'.repeat(501) } });
    const missing = await modClient.http('POST', `/moderation/messages/${roomA}/${byText('bye').id}/remove`, { body: {} });

    expect([unknown.statusCode, tooLong.statusCode, missing.statusCode]).toEqual([404, 400, 400]);
  });

  it('exports the filtered messages as CSV, formula-safe', async () => {
    const { statusCode, headers, text } = await modClient.http('GET', `/moderation/export?roomId=${roomA}&author=alice&format=csv`);

    expect(statusCode).toBe(200);
    expect(headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(headers['content-disposition']).toMatch(/^attachment; filename="parley-messages-.*\.csv"$/);
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('id,roomId,createdAt,status,authorSub,authorHandle,authorDisplayName,authorModerator,text,removedAt,removedBySub,removedByHandle,removalReason');
    const formula = byText('=cmd|calc "quoted", yes');
    expect(lines[1]).toBe(
      `${formula.id},${roomA},${formula.createdAt},visible,${formula.author.sub},alice,Alice,false,"'=cmd|calc ""quoted"", yes",,,,`,
    );
    expect(lines.slice(1, -1)).toHaveLength(3);
    expect(lines.at(-1)).toBe('');
  });

  it('exports the filtered messages and the audit log as JSON', async () => {
    const messages = await modClient.http('GET', `/moderation/export?roomId=${roomB}&format=json`);
    const audit = await modClient.http('GET', `/moderation/export?kind=audit&roomId=${roomA}&format=json`);

    expect(messages.headers['content-disposition']).toMatch(/\.json"$/);
    expect(JSON.parse(messages.text)).toMatchObject({ kind: 'messages', items: [{ message: byText('over here in b'), status: 'visible' }] });
    expect((JSON.parse(audit.text) as { items: AuditEntry[] }).items.map((e) => e.action)).toEqual(['message.restored', 'message.removed']);
  });

  it('serves another member the placeholder, not the text, of a message removed before they loaded history', async () => {
    const bye = byText('bye');
    await act('remove', bye, { reason: 'cleanup' });

    const history = (await aliceClient.rest('GET', `/rooms/${roomA}/messages`)).body as { items: HistoryItem[] };

    expect(history.items.find((item) => item.id === bye.id)).toEqual({ id: bye.id, roomId: roomA, createdAt: bye.createdAt, removed: true });
  });
});

import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, HistoryItem } from '../../core/messages.ts';
import type { AuditEntry, ModerationPage } from '../../core/moderation.ts';
import { checkReport, checkReportQueuePage, checkResolveReportResult, type ReportQueueItem, reportIdOf } from '../../core/reports.ts';
import { tables } from '../../amplify/definition.ts';
import { createDocumentClient } from '../../functions/lib/dynamo-client.ts';
import { createMessageIdGenerator } from '../../functions/lib/message-id.ts';
import { toMessageItem } from '../../functions/lib/message-item.ts';
import { decodeJwt } from 'appsync-events-local/src/auth/test-support/test-tokens.ts';
import { type LocalCloud, startLocalCloud } from '../../local/local-cloud.ts';
import { seedMembersOnlyRoom } from '../support/members-only-room.ts';
import { type AmplifyTestClient, signedInDemoClients } from '../support/amplify-client.ts';

describe('reports against the local cloud, with real tokens', () => {
  let cloud: LocalCloud;
  let alice: AmplifyTestClient;
  let bob: AmplifyTestClient;
  let mod: AmplifyTestClient;
  const roomId = `reports-${randomUUID().slice(0, 8)}`;

  async function say(text: string): Promise<ChatMessage> {
    expect(await alice.post(`/chat/rooms/${roomId}`, [{ type: 'message', clientMsgId: randomUUID(), text }])).toBeNull();
    const { body } = await alice.rest('GET', `/rooms/${roomId}/messages`);
    return (body as { items: ChatMessage[] }).items.find((message) => message.text === text)!;
  }
  const report = (client: AmplifyTestClient, message: { roomId: string; id: string }, reason: string) =>
    client.rest('POST', '/reports', { roomId: message.roomId, messageId: message.id, reason });
  /** A report the API refuses: the status and body (the client's `rest` throws on them). */
  const refusedReport = async (client: AmplifyTestClient, message: { roomId: string; id: string }, reason: string) => {
    const { statusCode, text } = await client.http('POST', '/reports', { body: { roomId: message.roomId, messageId: message.id, reason } });
    return { statusCode, body: JSON.parse(text) as unknown };
  };
  const openQueue = async (): Promise<ReportQueueItem[]> => {
    const { statusCode, body } = await mod.rest('GET', '/moderation/reports?status=open');
    expect(statusCode).toBe(200);
    const checked = checkReportQueuePage(body);
    if (!checked.ok) throw new Error(checked.error);
    return checked.value.items.filter((item) => item.roomId === roomId);
  };
  const audit = async () => ((await mod.rest('GET', `/moderation/audit?roomId=${roomId}`)).body as ModerationPage<AuditEntry>).items;

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, rateLimit: 'off' });
    [alice, bob, mod] = (await signedInDemoClients(cloud.outputs, 'alice', 'bob', 'mod')) as [AmplifyTestClient, AmplifyTestClient, AmplifyTestClient];
    await alice.rest('POST', '/rooms', { name: roomId });
  });

  afterAll(async () => {
    await Promise.all([alice?.close(), bob?.close(), mod?.close()]);
    await cloud?.close();
  });

  it('takes a member’s report once: 201 with the report, then 200 with the same one', async () => {
    await say('hello there');
    const message = await say('buy cheap watches');

    const first = await report(bob, message, 'spam');
    const again = await report(bob, message, 'spam, really');

    expect(first.statusCode).toBe(201);
    expect(checkReport(first.body)).toEqual({ ok: true, value: { reportId: reportIdOf(roomId, message.id), roomId, messageId: message.id, reason: 'spam', at: expect.any(String) } });
    expect(again).toEqual({ statusCode: 200, body: first.body });
    const queued = await openQueue();
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ count: 1, message: { status: 'visible', message: { text: 'buy cheap watches' } }, reports: [{ reporter: { handle: 'bob' }, reason: 'spam' }] });
    expect(queued[0]?.context.map((item) => item.message.text)).toEqual(['hello there']);
  });

  it('answers 404 to a report of an unknown message, and 403 to a member reading the queue', async () => {
    const unknown = await refusedReport(bob, { roomId, id: '01HZX3JQ5V8D6K2M4N7P9R0STW' }, 'spam');
    const queue = await bob.http('GET', '/moderation/reports');

    expect(unknown).toEqual({ statusCode: 404, body: { message: `Message 01HZX3JQ5V8D6K2M4N7P9R0STW not found in room ${roomId}` } });
    expect(queue.statusCode).toBe(403);
  });

  it('removes a reported message from the queue: members see it removed, both actions audited, and a new report of it is 404', async () => {
    const message = await say('you are all idiots');
    await report(bob, message, 'insults');
    const reportId = reportIdOf(roomId, message.id);

    const { statusCode, body } = await mod.rest('POST', `/moderation/reports/${reportId}/resolve`, { action: 'remove', reason: 'insults' });

    expect(statusCode).toBe(200);
    expect(checkResolveReportResult(body)).toMatchObject({ ok: true, value: { changed: true, resolution: { action: 'remove', reason: 'insults' } } });
    const history = (await bob.rest('GET', `/rooms/${roomId}/messages`)).body as { items: HistoryItem[] };
    expect(history.items.find((item) => item.id === message.id)).toEqual({ id: message.id, roomId, createdAt: message.createdAt, removed: true });
    expect((await audit()).filter((entry) => entry.messageId === message.id).map((entry) => entry.action)).toEqual(['report.resolved', 'message.removed']);
    expect((await openQueue()).map((item) => item.id)).not.toContain(reportId);
    expect((await refusedReport(bob, message, 'again')).statusCode).toBe(404);
  });

  it('dismisses a report: the message stays, report.dismissed is audited, and a retry changes nothing', async () => {
    const message = await say('a strong opinion');
    await report(bob, message, 'I disagree');
    const reportId = reportIdOf(roomId, message.id);

    const first = await mod.rest('POST', `/moderation/reports/${reportId}/resolve`, { action: 'dismiss' });
    const retry = await mod.rest('POST', `/moderation/reports/${reportId}/resolve`, { action: 'dismiss' });

    expect(first).toMatchObject({ statusCode: 200, body: { changed: true } });
    expect(retry).toMatchObject({ statusCode: 200, body: { changed: false } });
    const history = (await bob.rest('GET', `/rooms/${roomId}/messages`)).body as { items: HistoryItem[] };
    expect(history.items.find((item) => item.id === message.id)).toMatchObject({ text: 'a strong opinion' });
    expect((await audit()).filter((entry) => entry.messageId === message.id).map((entry) => entry.action)).toEqual(['report.dismissed']);
  });

  it('takes a report of a DM only from its participants, 404 for anyone else exactly as an unknown message, and shows moderators that DM message', async () => {
    const db = createDocumentClient({ AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_DYNAMODB: cloud.dynamoEndpoint, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
    const [aliceAuthor, bobAuthor] = await Promise.all(
      [alice, bob].map(async (client) => {
        const claims = decodeJwt((await client.tokens()).accessToken!);
        return { sub: String(claims.sub), handle: String(claims['parley:handle']), displayName: String(claims['parley:display_name']), moderator: false };
      }),
    );
    const dm = await seedMembersOnlyRoom(db, tables[0]!.name, [aliceAuthor!, bobAuthor!], { kind: 'dm' });
    const nextId = createMessageIdGenerator(randomBytes);
    const say = async (text: string) => {
      const message = { id: nextId(Date.now()), roomId: dm.roomId, text, author: aliceAuthor!, createdAt: new Date().toISOString(), clientMsgId: randomUUID() };
      await db.send(new PutCommand({ TableName: tables[0]!.name, Item: toMessageItem(message) }));
      return message;
    };
    await say('hi bob');
    const threat = await say('I know where you live');
    db.destroy();

    const outsider = await refusedReport(mod, threat, 'not my business');
    const unknown = await refusedReport(mod, { roomId: dm.roomId, id: nextId(Date.now()) }, 'x');
    const participant = await report(bob, threat, 'threat');

    expect(outsider).toEqual({ statusCode: 404, body: { message: `Message ${threat.id} not found in room ${dm.roomId}` } });
    expect(unknown.statusCode).toBe(404);
    expect(participant.statusCode).toBe(201);
    const { body } = await mod.rest('GET', '/moderation/reports?status=open');
    const checked = checkReportQueuePage(body);
    const item = checked.ok ? checked.value.items.find((entry) => entry.roomId === dm.roomId) : undefined;
    expect(item?.message?.message.text).toBe('I know where you live');
    expect(item?.context.map((entry) => entry.message.text)).toEqual(['hi bob']);
  });
});

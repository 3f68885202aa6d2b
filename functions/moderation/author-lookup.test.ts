import { BatchWriteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Author, ChatMessage } from '../../core/messages.ts';
import type { AuditEntry, ModeratedMessage, Mute } from '../../core/moderation.ts';
/* eslint-disable no-restricted-imports -- tests run the real embedded DynamoDB server of the local cloud */
import type { DynamoEngine } from 'appsync-events-local';
import { httpEvent, type HttpCall } from '../../tests/support/http-event.ts';
import { type LambdaTable, startLambdaTable } from '../../tests/support/lambda-table.ts';
/* eslint-enable no-restricted-imports */
import { createAuthorDirectory } from '../lib/author-directory.ts';
import { createHandleLookup } from '../lib/handle-lookup.ts';
import { createLogger } from '../lib/logger.ts';
import { createMessageIdGenerator } from '../lib/message-id.ts';
import { toMessageItem } from '../lib/message-item.ts';
import { handleItem } from '../lib/profile-items.ts';
import { resolveAuthor } from './author-lookup.ts';
import { createModeration, type Moderation, moderationStores } from './moderation.ts';

const TABLE = 'parley';
const NOW = Date.UTC(2026, 5, 1, 12);
const alice: Author = { sub: 'sub-alice', handle: 'alice', displayName: 'Alice', moderator: false };
/** Went by the display name "alice" once, to pass as her; today under another name. */
const impostorThen: Author = { sub: 'sub-imp', handle: 'imp_42', displayName: 'alice', moderator: false };
const impostorNow: Author = { ...impostorThen, displayName: 'Totally Legit' };
/** Released the handle `carol`; its hold ended an hour ago. */
const carol: Author = { sub: 'sub-carol', handle: 'carol', displayName: 'Carol', moderator: false };
const modClaims = { sub: 'sub-mod', 'parley:handle': 'morgan', 'parley:display_name': 'Morgan', 'cognito:groups': '[moderators]' };

describe.each<DynamoEngine>(['dynalite', 'dynamodb-local'])('moderators name authors by handle on %s', (engine) => {
  let table: LambdaTable;
  let db: DynamoDBDocumentClient;
  let moderation: Moderation;

  const deps = () => ({ authors: createAuthorDirectory(db, TABLE), handles: createHandleLookup(db, TABLE), clock: () => NOW });
  const call = async (routeKey: string, request: Partial<HttpCall> = {}) => {
    const result = await moderation(httpEvent(routeKey, { ...request, claims: request.claims ?? modClaims }));
    return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') };
  };
  const authorsFound = async (author: string) =>
    ((await call('GET /moderation/messages', { query: { author } })).body.items as ModeratedMessage[]).map((item) => `${item.message.author.sub}: ${item.message.text}`);

  beforeAll(async () => {
    table = await startLambdaTable(engine);
    ({ db } = table);
    moderation = createModeration({
      ...moderationStores(db, TABLE),
      ...deps(),
      publisher: { publish: async () => {} },
      logger: createLogger({ serviceName: 'test', logLevel: 'SILENT' }),
      metrics: { count: () => {}, countByCode: () => {}, flush: () => {} },
      nextId: createMessageIdGenerator(randomBytes),
    });
    const nextId = createMessageIdGenerator(randomBytes);
    const message = (author: Author, text: string, n: number): ChatMessage => ({
      id: nextId(NOW - 3_600_000 + n), roomId: 'general', text, author, createdAt: new Date(NOW - 3_600_000 + n).toISOString(), clientMsgId: `c-${n}`,
    });
    const messages = [message(alice, 'hi, I am alice', 1), message(impostorThen, 'send me your password', 2), message(impostorNow, 'nothing to see', 3), message(carol, 'from carol', 4)];
    await db.send(new BatchWriteCommand({ RequestItems: { [TABLE]: messages.map((m) => ({ PutRequest: { Item: toMessageItem(m) } })) } }));
    const directory = createAuthorDirectory(db, TABLE);
    for (const author of [alice, impostorThen, impostorNow, carol]) await directory.record(author, new Date(NOW).toISOString());
    const heldUntil = new Date(NOW - 3_600_000).toISOString();
    for (const item of [handleItem('alice', alice.sub), handleItem('imp_42', impostorThen.sub), handleItem('carol', carol.sub, heldUntil), handleItem('morgan', 'sub-mod')]) {
      await db.send(new PutCommand({ TableName: TABLE, Item: item }));
    }
  }, 90_000);

  afterAll(async () => {
    await table?.close();
  });

  it.each(['alice', '@alice', '@Alice', 'ALICE'])('finds only the account whose handle is %j, not one that once went by that display name', async (typed) => {
    expect(await authorsFound(typed)).toEqual(['sub-alice: hi, I am alice']);
  });

  it('still finds the impostor by the display names they went by, and by sub', async () => {
    expect(await authorsFound('Totally Legit')).toEqual(['sub-imp: nothing to see', 'sub-imp: send me your password']);
    expect(await authorsFound('sub-imp')).toEqual(['sub-imp: nothing to see', 'sub-imp: send me your password']);
    expect(await authorsFound('@imp_42')).toEqual(['sub-imp: nothing to see', 'sub-imp: send me your password']);
  });

  it('reads a handle whose hold has ended as a name, through the directory', async () => {
    const named = await resolveAuthor(deps(), '@carol');

    expect(named).toEqual({ subs: ['sub-carol', '@carol'], named: ['sub-carol'] });
    expect(await resolveAuthor(deps(), '@alice')).toEqual({ subs: ['sub-alice'], named: ['sub-alice'], handle: 'alice' });
  });

  it('mutes the account that holds the handle, even when a display name would name two', async () => {
    const { status, body } = await call('POST /moderation/mutes', { body: { author: 'alice', durationSeconds: 60, reason: 'test' } });

    expect(status).toBe(200);
    expect((body as Mute).user).toEqual(alice);
    expect((body as Mute).by).toEqual({ sub: 'sub-mod', handle: 'morgan', displayName: 'Morgan' });
  });

  it('names the acting moderator in the audit log by the profile in their token, and finds them by @handle', async () => {
    const entries = (await call('GET /moderation/audit', { query: { moderator: '@morgan' } })).body.items as AuditEntry[];

    expect(entries.map((entry) => [entry.action, entry.moderator])).toContainEqual(['user.muted', { sub: 'sub-mod', handle: 'morgan', displayName: 'Morgan' }]);
  });

  it('refuses a moderator whose token carries no profile, naming why', async () => {
    const { status, body } = await call('GET /moderation/messages', { claims: { sub: 'sub-mod', preferred_username: 'Morgan', 'cognito:groups': '[moderators]' } });

    expect(status).toBe(403);
    expect(body.message).toBe('Moderation refused: the token carries no Parley profile; sign in again');
  });
});

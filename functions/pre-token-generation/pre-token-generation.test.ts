import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LambdaTable, startLambdaTable, TABLE } from '../../tests/support/lambda-table.ts';
import { DISPLAY_NAME_CLAIM, HANDLE_CLAIM } from '../../core/profile.ts';
import { STARTER_ROOM_ID, STARTER_ROOM_NAME } from '../../core/rooms.ts';
import { createRoomStore, roomKey } from '../lib/room-store.ts';
import { createDocumentClient } from '../lib/dynamo-client.ts';
import { createProfileStore } from '../lib/profile-store.ts';
import { createPreTokenGenerationHandler, type PreTokenGeneration } from './pre-token-generation.ts';

let sequence = 0;

/** A V2 event for a new account (its own sub) with these attributes. */
function v2Event(userAttributes: Record<string, string>, source = 'TokenGeneration_Authentication'): PreTokenGenerationV2TriggerEvent {
  const sub = userAttributes.sub ?? `00000000-0000-4000-8000-${String((sequence += 1)).padStart(12, '0')}`;
  return {
    version: '2',
    triggerSource: source,
    region: 'us-east-1',
    userPoolId: 'us-east-1_pool',
    userName: sub,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'client' },
    request: { userAttributes: { sub, ...userAttributes }, groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [] }, scopes: [] },
    response: { claimsAndScopeOverrideDetails: {} },
  } as PreTokenGenerationV2TriggerEvent;
}

const claimsOf = (result: PreTokenGenerationV2TriggerEvent) => result.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.claimsToAddOrOverride;

describe('pre-token-generation (V2)', () => {
  let table: LambdaTable;
  let db: DynamoDBDocumentClient;
  let handler: PreTokenGeneration;

  beforeAll(async () => {
    table = await startLambdaTable();
    db = table.db;
    handler = createPreTokenGenerationHandler(table.env);
  }, 120_000);

  afterAll(async () => {
    await table?.close();
  });

  it('creates the profile on the first sign-in and puts handle and display name in both tokens, hiding preferred_username', async () => {
    const result = await handler(v2Event({ email: 'alice.liddell@parley.test', name: 'Alice Liddell', preferred_username: 'Alice' }));

    const claims = { [HANDLE_CLAIM]: 'alice_liddell', [DISPLAY_NAME_CLAIM]: 'Alice Liddell' };
    expect(result.response.claimsAndScopeOverrideDetails).toEqual({
      idTokenGeneration: { claimsToAddOrOverride: claims, claimsToSuppress: ['preferred_username'] },
      accessTokenGeneration: { claimsToAddOrOverride: claims, claimsToSuppress: ['preferred_username'] },
    });
  });

  it('has the starter room after the first sign-in of a new deployment, and never writes it again', async () => {
    const rooms = createRoomStore(db, TABLE);
    const before = await rooms.get(STARTER_ROOM_ID);
    await db.send(new UpdateCommand({ TableName: TABLE, Key: roomKey(STARTER_ROOM_ID), UpdateExpression: 'SET #n = :n', ExpressionAttributeNames: { '#n': 'name' }, ExpressionAttributeValues: { ':n': 'Renamed by a moderator' } }));
    await handler(v2Event({ email: 'second.member@parley.test' }));

    expect(before).toMatchObject({ id: STARTER_ROOM_ID, name: STARTER_ROOM_NAME, kind: 'public' });
    expect(await rooms.get(STARTER_ROOM_ID)).toMatchObject({ name: 'Renamed by a moderator' });
  });

  it('never takes a name from preferred_username: a member who set it to another’s name gets their own', async () => {
    const result = await handler(v2Event({ email: 'mallory@parley.test', preferred_username: 'Alice Liddell' }));

    expect(claimsOf(result)).toEqual({ [HANDLE_CLAIM]: 'mallory', [DISPLAY_NAME_CLAIM]: 'mallory' });
  });

  it('issues the same claims on every later token with one consistent GetItem and no write', async () => {
    const event = v2Event({ email: 'repeat@parley.test', name: 'Repeat' });
    await handler(event);
    const sent: string[] = [];
    const recorded = createDocumentClient(table.env);
    recorded.middlewareStack.add(
      (next, context) => async (args) => {
        sent.push(`${context.commandName}${(args.input as { ConsistentRead?: boolean }).ConsistentRead ? ' consistent' : ''}`);
        return next(args);
      },
      { step: 'initialize', name: 'recordCommands' },
    );
    const { createPreTokenGeneration } = await import('./pre-token-generation.ts');
    const recording = createPreTokenGeneration({
      profiles: createProfileStore(recorded, TABLE),
      logger: (await import('../lib/logger.ts')).createLogger({ serviceName: 'test', logLevel: 'SILENT' }),
      metrics: { count: () => undefined, countByCode: () => undefined, flush: () => undefined },
    });

    const again = await recording({ ...event, triggerSource: 'TokenGeneration_RefreshTokens' });
    recorded.destroy();

    expect(claimsOf(again)).toEqual({ [HANDLE_CLAIM]: 'repeat', [DISPLAY_NAME_CLAIM]: 'Repeat' });
    expect(sent).toEqual(['GetItemCommand consistent']);
  });

  it('gives the next free handle to a second account with the same email name, and never a reserved one', async () => {
    const first = await handler(v2Event({ email: 'sam@one.test' }));
    const second = await handler(v2Event({ email: 'sam@two.test' }));
    const mod = await handler(v2Event({ email: 'mod@parley.test' }));
    const admin = await handler(v2Event({ email: 'Admin+x@parley.test' }));

    expect([first, second, mod, admin].map((result) => claimsOf(result)?.[HANDLE_CLAIM])).toEqual(['sam', 'sam2', 'mod2', 'admin2']);
  });

  it('falls back to the handle when the admin-set name is reserved or looks like another account’s name', async () => {
    await handler(v2Event({ email: 'original@parley.test', name: 'Zed Original' }));

    const reserved = await handler(v2Event({ email: 'morgan@parley.test', name: 'Morgan (mod)' }));
    const lookalike = await handler(v2Event({ email: 'copy@parley.test', name: 'ZED 0RIGINAL' }));

    expect(claimsOf(reserved)).toEqual({ [HANDLE_CLAIM]: 'morgan', [DISPLAY_NAME_CLAIM]: 'morgan' });
    expect(claimsOf(lookalike)).toEqual({ [HANDLE_CLAIM]: 'copy', [DISPLAY_NAME_CLAIM]: 'copy' });
  });

  it('puts a rename into the next token, as a refresh issues it', async () => {
    const event = v2Event({ email: 'renamer@parley.test' });
    await handler(event);
    const profiles = createProfileStore(db, TABLE);
    const current = (await profiles.get(event.request.userAttributes.sub!))!;
    await profiles.update(current, { displayName: 'Renamed', handle: 'renamed' }, Date.now(), () => undefined);

    const refreshed = await handler({ ...event, triggerSource: 'TokenGeneration_RefreshTokens' });

    expect(claimsOf(refreshed)).toEqual({ [HANDLE_CLAIM]: 'renamed', [DISPLAY_NAME_CLAIM]: 'Renamed' });
  });

  it('fails the token issue when the table cannot be reached, so no token goes out without a profile', async () => {
    const broken = createPreTokenGenerationHandler({ ...table.env, TABLE_NAME: 'no-such-table' });

    await expect(broken(v2Event({ email: 'nobody@parley.test' }))).rejects.toThrow();
  });
});

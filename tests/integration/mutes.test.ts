/**
 * Mutes end to end: a moderator mutes a member through the HTTP API with a
 * real JWT; the member's real aws-amplify client then publishes through the local cloud's Event
 * API, `chat` handler and persist Lambda, and each event fails with `MUTED` and the end time;
 * nothing is broadcast or stored until the unmute.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, MessageCreatedEvent } from '../../core/messages.ts';
import type { AuditEntry, ModerationPage, Mute, UnmuteResult } from '../../core/moderation.ts';
import { formatEventError, parseEventError } from '../../core/event-errors.ts';
import { type LocalCloud, startLocalCloud } from '../../local/local-cloud.ts';
import { type AmplifyTestClient, signedInDemoClients } from '../support/amplify-client.ts';


interface Failed {
  identifier: string;
  index: number;
  message: string;
}

const ROUTES: ['GET' | 'POST' | 'DELETE', string][] = [
  ['GET', '/moderation/mutes'],
  ['POST', '/moderation/mutes'],
  ['DELETE', '/moderation/mutes/some-sub'],
];
const message = (text: string) => ({ type: 'message', clientMsgId: randomUUID(), text });

describe('mutes against the local cloud', () => {
  let cloud: LocalCloud;
  let aliceClient: AmplifyTestClient;
  let bobClient: AmplifyTestClient;
  let modClient: AmplifyTestClient;
  const roomId = `mute-${randomUUID().slice(0, 8)}`;
  const channel = `/chat/rooms/${roomId}`;

  const history = async () => ((await bobClient.rest('GET', `/rooms/${roomId}/messages`)).body as { items: ChatMessage[] }).items.map((m) => m.text);

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, rateLimit: 'off' });
    [aliceClient, bobClient, modClient] = (await signedInDemoClients(cloud.outputs, 'alice', 'bob', 'mod')) as [AmplifyTestClient, AmplifyTestClient, AmplifyTestClient];
    await aliceClient.rest('POST', '/rooms', { name: roomId });
    // Alice posts once, so the author directory knows her display name.
    expect(await aliceClient.post(channel, [message('hi, I am Alice')])).toBeNull();
  });

  afterAll(async () => {
    await Promise.all([aliceClient?.close(), bobClient?.close(), modClient?.close()]);
    await cloud?.close();
  });

  it.each(ROUTES)('answers %s %s without a token with the authorizer 401', async (method, path) => {
    const { statusCode, text } = await bobClient.http(method, path, { withToken: false, body: method === 'POST' ? { author: 'Alice', durationSeconds: 60, reason: 'x' } : undefined });

    expect(statusCode).toBe(401);
    expect(text).toBe('{"message":"Unauthorized"}');
  });

  it.each(ROUTES)('answers %s %s for a member with 403', async (method, path) => {
    const { statusCode, text } = await aliceClient.http(method, path, { body: method === 'POST' ? { author: 'Bob', durationSeconds: 60, reason: 'x' } : undefined });

    expect(statusCode).toBe(403);
    expect(JSON.parse(text)).toEqual({ message: 'Only moderators may use the moderation API' });
  });

  it.each([
    [{ author: 'Alice', durationSeconds: 30, reason: 'x' }, 400, 'durationSeconds must be a whole number from 60 (1 minute) to 2592000 (30 days)'],
    [{ author: 'Alice', durationSeconds: 600 }, 400, 'A reason is required'],
    [{ durationSeconds: 600, reason: 'x' }, 400, 'author is required: an @handle, a display name or a sub'],
    [{ author: 'Nobody Here', durationSeconds: 600, reason: 'x' }, 404, 'No author is named "Nobody Here" or has that sub'],
  ])('refuses %j with %i and a message', async (body, status, text) => {
    const response = await modClient.http('POST', '/moderation/mutes', { body });

    expect(response.statusCode).toBe(status);
    expect(JSON.parse(response.text)).toEqual({ message: text });
  });

  it("fails a muted member's publish per event with MUTED and the end time, broadcasts and stores nothing, and works again after the unmute", async () => {
    await bobClient.subscribe('room', channel);

    const muted = (await modClient.rest('POST', '/moderation/mutes', { author: '@alice', durationSeconds: 600, reason: 'cool down' })).body as Mute;
    const active = (await modClient.rest('GET', '/moderation/mutes')).body as ModerationPage<Mute>;
    const failed = (await aliceClient.post(channel, [message('muted one'), message('muted two')])) as Failed[];

    expect(muted).toMatchObject({ user: { handle: 'alice', displayName: 'Alice', moderator: false }, reason: 'cool down', by: { displayName: 'Morgan' } });
    expect(Date.parse(muted.until) - Date.parse(muted.at)).toBe(600_000);
    expect(active.items).toEqual([muted]);
    expect(failed.map((f) => [f.index, f.message])).toEqual([
      [0, formatEventError('MUTED', 'you are muted', muted.until)],
      [1, formatEventError('MUTED', 'you are muted', muted.until)],
    ]);
    expect(parseEventError(failed[0]!.message)?.retryAt).toBe(muted.until);

    const unmuted = (await modClient.rest('DELETE', `/moderation/mutes/${muted.user.sub}`, { reason: 'sorted out' })).body as UnmuteResult;
    const again = (await modClient.rest('DELETE', `/moderation/mutes/${muted.user.sub}`)).body as UnmuteResult;
    const afterUnmute = await aliceClient.post(channel, [message('back again')]);

    expect(unmuted).toEqual({ sub: muted.user.sub, changed: true });
    expect(again).toEqual({ sub: muted.user.sub, changed: false });
    expect(afterUnmute).toBeNull();
    // Events arrive in publish order: the first one bob gets is the message after the unmute.
    const [first] = (await bobClient.waitForEvents('room', 1)) as MessageCreatedEvent[];
    expect(first?.message.text).toBe('back again');
    expect(bobClient.received('room')).toHaveLength(1);
    expect(await history()).toEqual(['back again', 'hi, I am Alice']);
    expect(((await modClient.rest('GET', '/moderation/mutes')).body as ModerationPage<Mute>).items).toEqual([]);
    const audit = ((await modClient.rest('GET', '/moderation/audit')).body as ModerationPage<AuditEntry>).items;
    expect(audit.map((e) => [e.action, e.user?.displayName, e.reason, e.moderator.displayName])).toEqual([
      ['user.unmuted', 'Alice', 'sorted out', 'Morgan'],
      ['user.muted', 'Alice', 'cool down', 'Morgan'],
    ]);
    expect(audit[1]?.until).toBe(muted.until);
    await bobClient.unsubscribe('room');
  });
});

/**
 * Who gets through which door of which kind of room, every cell of the matrix on one local cloud:
 * {member, non-member, removed member, moderator} × {list, subscribe chat, subscribe signals,
 * publish, history, members, gap fill} × {public, private, dm}. The rooms are made through the
 * real API (POST /rooms, POST /rooms/{id}/members, POST /dms, DELETE …/members/{sub}); the HTTP
 * doors are called with the real aws-amplify client's session and tokens, the socket doors with
 * raw protocol frames carrying the same tokens, so each answer is read exactly as sent.
 *
 * The accounts: Alice owns the private room and is the other person of the DM (she sets up and
 * checks what was stored); Bob is the member (invited to the private room, opens the DM); Dave is
 * in nothing; Carol was invited to the private room and removed; Morgan is a moderator in nothing.
 * Nobody can be removed from a public room (it has no members: the members routes answer 400) or
 * from a DM (it is always its two people: 400), so there the "removed member" is Carol, an account
 * that was never a member of either (asserted before the matrix). In a public room she may do
 * what anyone signed in may; in the DM she is a non-member.
 *
 * Channels: a public room's have no epoch. In a private room or DM everyone asks on its current
 * epoch's channel (the strongest case: they guessed or were told it); the removed member also on
 * the channel of the epoch she knew before the removal. A cell's outcome must hold on each channel.
 *
 * A refusal on a private room or DM must say nothing of the room: each is compared with what the
 * same door answers the same account for a room id of the same kind that does not exist (byte for
 * byte, the room id aside).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DM_ROOM_PREFIX, PRIVATE_ROOM_PREFIX, ROOM_CODE_LENGTH, roomChannel, roomSignalsChannel } from '../../core/channels.ts';
import { parseEventError } from '../../core/event-errors.ts';
import type { GapFillPage, MemberList, MessagePage, RoomList } from '../../core/history-api.ts';
import type { Room } from '../../core/rooms.ts';
import { demoUsers } from '../../local/demo-users.ts';
import { type LocalCloud, startLocalCloud } from '../../local/local-cloud.ts';
import { type AmplifyTestClient, startAmplifyClient } from '../support/amplify-client.ts';
import { randomEpoch, randomRoomCode } from '../support/members-only-room.ts';
import { openRawSocket, type RawEventsSocket, type ServerFrame } from '../support/raw-events-socket.ts';

type Role = 'member' | 'non-member' | 'removed member' | 'moderator';
type Door = 'list' | 'subscribe chat' | 'subscribe signals' | 'publish' | 'history' | 'members' | 'gap fill';
type Kind = 'public' | 'private' | 'dm';
/**
 * `listed`/`unlisted`: in the caller's `GET /rooms` or not. `subscribed`, or the errorType of
 * `subscribe_error`. `stored`: the message published over the socket succeeded and is in the
 * room's history, and a typing signal on the signals channel was accepted; otherwise the code both
 * failed with. The HTTP doors: the status.
 */
type Outcome = 'listed' | 'unlisted' | 'subscribed' | 'Unauthorized' | 'stored' | 'NOT_FOUND' | '200' | '400' | '404';

const EXPECTED: Record<Kind, Record<Role, Record<Door, Outcome>>> = {
  public: {
    member: { list: 'listed', 'subscribe chat': 'subscribed', 'subscribe signals': 'subscribed', publish: 'stored', history: '200', members: '400', 'gap fill': '200' },
    'non-member': { list: 'listed', 'subscribe chat': 'subscribed', 'subscribe signals': 'subscribed', publish: 'stored', history: '200', members: '400', 'gap fill': '200' },
    'removed member': { list: 'listed', 'subscribe chat': 'subscribed', 'subscribe signals': 'subscribed', publish: 'stored', history: '200', members: '400', 'gap fill': '200' },
    moderator: { list: 'listed', 'subscribe chat': 'subscribed', 'subscribe signals': 'subscribed', publish: 'stored', history: '200', members: '400', 'gap fill': '200' },
  },
  private: {
    member: { list: 'listed', 'subscribe chat': 'subscribed', 'subscribe signals': 'subscribed', publish: 'stored', history: '200', members: '200', 'gap fill': '200' },
    'non-member': { list: 'unlisted', 'subscribe chat': 'Unauthorized', 'subscribe signals': 'Unauthorized', publish: 'NOT_FOUND', history: '404', members: '404', 'gap fill': '404' },
    'removed member': { list: 'unlisted', 'subscribe chat': 'Unauthorized', 'subscribe signals': 'Unauthorized', publish: 'NOT_FOUND', history: '404', members: '404', 'gap fill': '404' },
    moderator: { list: 'unlisted', 'subscribe chat': 'Unauthorized', 'subscribe signals': 'Unauthorized', publish: 'NOT_FOUND', history: '404', members: '404', 'gap fill': '404' },
  },
  dm: {
    member: { list: 'listed', 'subscribe chat': 'subscribed', 'subscribe signals': 'subscribed', publish: 'stored', history: '200', members: '200', 'gap fill': '200' },
    'non-member': { list: 'unlisted', 'subscribe chat': 'Unauthorized', 'subscribe signals': 'Unauthorized', publish: 'NOT_FOUND', history: '404', members: '404', 'gap fill': '404' },
    'removed member': { list: 'unlisted', 'subscribe chat': 'Unauthorized', 'subscribe signals': 'Unauthorized', publish: 'NOT_FOUND', history: '404', members: '404', 'gap fill': '404' },
    moderator: { list: 'unlisted', 'subscribe chat': 'Unauthorized', 'subscribe signals': 'Unauthorized', publish: 'NOT_FOUND', history: '404', members: '404', 'gap fill': '404' },
  },
};

const CELLS = (Object.keys(EXPECTED) as Kind[]).flatMap((kind) =>
  (Object.keys(EXPECTED[kind]) as Role[]).flatMap((role) =>
    (Object.keys(EXPECTED[kind][role]) as Door[]).map((door) => ({ kind, role, door, expect: EXPECTED[kind][role][door] })),
  ),
);

const PASSWORD = 'Parley-demo-1';
const TYPING = { type: 'typing' };
const extraUsers = [
  { email: 'carol@parley.local', password: PASSWORD, displayName: 'Carol', groups: [] },
  { email: 'dave@parley.local', password: PASSWORD, displayName: 'Dave', groups: [] },
];
const EMAILS = { alice: 'alice@parley.local', member: 'bob@parley.local', 'non-member': 'dave@parley.local', 'removed member': 'carol@parley.local', moderator: 'mod@parley.local' } as const;

interface Account {
  client: AmplifyTestClient;
  sub: string;
  handle: string;
  token: string;
  socket: RawEventsSocket;
}

interface RoomUnderTest {
  id: string;
  kind: Kind;
  /** Current epoch (private room, DM). */
  epoch?: string;
  /** The epoch before the removal: the channel the removed member knew (private room). */
  knownEpoch?: string;
  /** A room id of the same kind that does not exist (compared with on private rooms and DMs). */
  missing: string;
  /** The id of the first message, for the gap fill's `after=`. */
  seedId: string;
}

type HttpAnswer = Awaited<ReturnType<AmplifyTestClient['http']>>;

describe('access matrix of public rooms, private rooms and DMs', () => {
  let cloud: LocalCloud;
  let host: string;
  let accounts: Record<keyof typeof EMAILS, Account>;
  let rooms: Record<Kind, RoomUnderTest>;
  const setup: Record<string, number> = {};
  let frameId = 0;

  async function account(email: string): Promise<Account> {
    const client = startAmplifyClient(cloud.outputs);
    await client.signIn(email, PASSWORD);
    const me = (await client.rest('GET', '/me')).body as { sub: string; handle: string };
    const token = (await client.tokens()).accessToken!;
    const socket = await openRawSocket(cloud.outputs.custom.events.url, { host, Authorization: token });
    return { client, sub: me.sub, handle: me.handle, token, socket };
  }

  async function call(who: Account, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) {
    const answer = await who.client.http(method, path, body === undefined ? {} : { body });
    return { statusCode: answer.statusCode, body: JSON.parse(answer.text) as Record<string, unknown> };
  }

  /** One frame sent with the account's token; resolves the answer to it. */
  async function exchange(who: Account, frame: Record<string, unknown>): Promise<ServerFrame> {
    frameId += 1;
    const id = `frame-${frameId}`;
    who.socket.send(JSON.stringify({ ...frame, id, authorization: { host, Authorization: who.token } }));
    return who.socket.next((answer) => answer.id === id);
  }

  function publishFrame(channel: string, event: unknown) {
    return { type: 'publish', channel, events: [JSON.stringify(event)] };
  }

  const missingId = (kind: 'private' | 'dm') => (kind === 'dm' ? DM_ROOM_PREFIX : PRIVATE_ROOM_PREFIX) + randomRoomCode(ROOM_CODE_LENGTH);

  async function texts(roomId: string): Promise<string[]> {
    const page = (await accounts.alice.client.rest('GET', `/rooms/${roomId}/messages`)).body as MessagePage;
    return page.items.map((item) => ('text' in item ? item.text : ''));
  }

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, dynamo: 'dynalite', rateLimit: 'off', roomLimit: 'off', users: [...demoUsers, ...extraUsers] });
    host = new URL(cloud.outputs.custom.events.url).host;
    const signedIn = await Promise.all(Object.values(EMAILS).map(account));
    accounts = Object.fromEntries(Object.keys(EMAILS).map((name, i) => [name, signedIn[i]!])) as typeof accounts;
    const { alice, member, 'removed member': carol } = accounts;

    const open = (await call(alice, 'POST', '/rooms', { name: `Matrix ${randomUUID().slice(0, 8)}` })).body as unknown as Room;
    const closed = (await call(alice, 'POST', '/rooms', { name: 'Matrix private', kind: 'private' })).body as unknown as Room;
    setup.inviteMember = (await call(alice, 'POST', `/rooms/${closed.id}/members`, { handle: member.handle })).statusCode;
    setup.inviteCarol = (await call(alice, 'POST', `/rooms/${closed.id}/members`, { handle: carol.handle })).statusCode;
    const carolKnew = ((await carol.client.rest('GET', '/rooms')).body as RoomList).items.find((room) => room.id === closed.id)?.epoch;
    setup.removeCarol = (await call(alice, 'DELETE', `/rooms/${closed.id}/members/${carol.sub}`)).statusCode;
    const current = (await call(alice, 'GET', `/rooms/${closed.id}`)).body as unknown as Room;
    const dmAnswer = await call(member, 'POST', '/dms', { handle: alice.handle });
    const dm = dmAnswer.body as unknown as Room;
    setup.openDm = dmAnswer.statusCode;
    setup.removeFromPublic = (await call(alice, 'DELETE', `/rooms/${open.id}/members/${carol.sub}`)).statusCode;
    setup.removeFromDm = (await call(alice, 'DELETE', `/rooms/${dm.id}/members/${member.sub}`)).statusCode;

    const made = { public: { id: open.id }, private: { id: closed.id, epoch: current.epoch, knownEpoch: carolKnew }, dm: { id: dm.id, epoch: dm.epoch } };
    const entries = await Promise.all(
      (Object.keys(made) as Kind[]).map(async (kind) => {
        const { id, epoch } = made[kind] as { id: string; epoch?: string };
        const seeded = await exchange(alice, publishFrame(roomChannel(id, epoch), { type: 'message', clientMsgId: randomUUID(), text: `seed of ${kind}` }));
        expect(seeded).toMatchObject({ type: 'publish_success', failed: [] });
        const page = (await alice.client.rest('GET', `/rooms/${id}/messages`)).body as MessagePage;
        const missing = kind === 'public' ? `${id}-gone` : missingId(kind);
        return [kind, { ...made[kind], kind, missing, seedId: page.items[0]!.id }] as const;
      }),
    );
    rooms = Object.fromEntries(entries) as typeof rooms;
  });

  afterAll(async () => {
    await Promise.all(Object.values(accounts ?? {}).map((who) => (who.socket.close(), who.client.close())));
    await cloud?.close();
  });

  /** Every channel of `namespace` a role tries: the current one, and for the removed member the one she knew. */
  function channelsOf(role: Role, room: RoomUnderTest, channelOf: (roomId: string, epoch?: string) => string): string[] {
    if (room.epoch === undefined) return [channelOf(room.id)];
    const known = role === 'removed member' && room.knownEpoch !== undefined ? [channelOf(room.id, room.knownEpoch)] : [];
    return [...known, channelOf(room.id, room.epoch)];
  }

  /** The one outcome every attempt had, or all of them when they differ (which no cell expects). */
  function single(outcomes: string[]): string {
    return [...new Set(outcomes)].join(' / ');
  }

  /** A refusal must read exactly as the same request about a room that does not exist. */
  function expectSameAsMissing(answer: HttpAnswer, nowhere: HttpAnswer, room: RoomUnderTest) {
    expect(answer.statusCode).toBe(nowhere.statusCode);
    expect(answer.headers['content-type']).toBe(nowhere.headers['content-type']);
    expect(answer.text).toBe(nowhere.text.replaceAll(room.missing, room.id));
  }

  async function httpDoor(who: Account, room: RoomUnderTest, pathOf: (roomId: string) => string, check: (body: unknown) => void): Promise<string> {
    const answer = await who.client.http('GET', pathOf(room.id));
    if (answer.statusCode === 200) check(JSON.parse(answer.text));
    if (answer.statusCode === 404 && room.kind !== 'public') expectSameAsMissing(answer, await who.client.http('GET', pathOf(room.missing)), room);
    return String(answer.statusCode);
  }

  async function subscribeDoor(who: Account, role: Role, room: RoomUnderTest, channelOf: typeof roomChannel): Promise<string> {
    const outcomes = await Promise.all(
      channelsOf(role, room, channelOf).map(async (channel) => {
        const answer = await exchange(who, { type: 'subscribe', channel });
        if (answer.type === 'subscribe_success') {
          who.socket.send(JSON.stringify({ type: 'unsubscribe', id: answer.id }));
          await who.socket.next((frame) => frame.id === answer.id && frame.type === 'unsubscribe_success');
          return 'subscribed';
        }
        const nowhere = await exchange(who, { type: 'subscribe', channel: channelOf(room.missing, randomEpoch()) });
        expect({ ...answer, id: undefined }).toEqual({ ...nowhere, id: undefined });
        return answer.errors?.[0]?.errorType ?? answer.type;
      }),
    );
    return single(outcomes);
  }

  /** A refused publish's answer for its one event, without the ids that differ from call to call. */
  function failure(answer: ServerFrame): string {
    return JSON.stringify({ type: answer.type, errors: answer.errors, failed: answer.failed?.map(({ code, message }) => ({ code, message })) });
  }

  /** What a publish answered for its one event: `ok`, the per-event code, or the frame's error type. */
  function eventOutcome(answer: ServerFrame): string {
    if (answer.type !== 'publish_success') return answer.errors?.[0]?.errorType ?? answer.type;
    if (answer.failed?.length === 0 && answer.successful?.length === 1) return 'ok';
    return parseEventError(answer.failed?.[0]?.message)?.code ?? JSON.stringify(answer.failed);
  }

  /** `stored`: the message is stored and the typing signal accepted; a refusal's code when both got it and nothing was stored. */
  async function publishDoor(who: Account, role: Role, room: RoomUnderTest): Promise<string> {
    const signalChannels = channelsOf(role, room, roomSignalsChannel);
    const outcomes: string[] = [];
    for (const [i, chat] of channelsOf(role, room, roomChannel).entries()) {
      const text = `${role} on ${chat} ${randomUUID()}`;
      const message = await exchange(who, publishFrame(chat, { type: 'message', clientMsgId: randomUUID(), text }));
      const typing = await exchange(who, publishFrame(signalChannels[i]!, TYPING));
      const stored = (await texts(room.id)).includes(text);
      const [sent, typed] = [eventOutcome(message), eventOutcome(typing)];
      if (sent !== 'ok' && room.kind !== 'public') {
        const epoch = randomEpoch();
        const nowhere = await exchange(who, publishFrame(roomChannel(room.missing, epoch), { type: 'message', clientMsgId: randomUUID(), text }));
        const nowhereTyping = await exchange(who, publishFrame(roomSignalsChannel(room.missing, epoch), TYPING));
        expect([message, typing].map(failure)).toEqual([nowhere, nowhereTyping].map(failure).map((f) => f.replaceAll(room.missing, room.id)));
      }
      outcomes.push(sent === 'ok' && typed === 'ok' && stored ? 'stored' : sent === typed && !stored ? sent : `message ${sent}, typing ${typed}, stored: ${stored}`);
    }
    return single(outcomes);
  }

  async function listDoor(who: Account, room: RoomUnderTest): Promise<string> {
    const listed: Room[] = [];
    let cursor: string | undefined;
    do {
      const page = (await who.client.rest('GET', `/rooms${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`)).body as RoomList;
      listed.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    const entry = listed.find((r) => r.id === room.id);
    if (entry) expect({ kind: entry.kind, epoch: entry.epoch }).toEqual({ kind: room.kind, epoch: room.epoch });
    return entry ? 'listed' : 'unlisted';
  }

  function open(door: Door, role: Role, room: RoomUnderTest): Promise<string> {
    const who = accounts[role];
    switch (door) {
      case 'list':
        return listDoor(who, room);
      case 'subscribe chat':
        return subscribeDoor(who, role, room, roomChannel);
      case 'subscribe signals':
        return subscribeDoor(who, role, room, roomSignalsChannel);
      case 'publish':
        return publishDoor(who, role, room);
      case 'history':
        return httpDoor(who, room, (id) => `/rooms/${id}/messages`, (body) => {
          expect((body as MessagePage).items.map((item) => item.id)).toContain(room.seedId);
        });
      case 'gap fill':
        return httpDoor(who, room, (id) => `/rooms/${id}/messages?after=${room.seedId}`, (body) => {
          expect((body as GapFillPage).items.map((item) => item.id)).not.toContain(room.seedId);
        });
      case 'members':
        return httpDoor(who, room, (id) => `/rooms/${id}/members`, (body) => {
          expect((body as MemberList).items.map((m) => m.sub).sort()).toEqual([accounts.alice.sub, who.sub].sort());
        });
    }
  }

  it('made the rooms through the API: the removal took, and nobody can be removed from a public room or a DM', () => {
    expect(setup).toEqual({ inviteMember: 200, inviteCarol: 200, removeCarol: 200, openDm: 201, removeFromPublic: 400, removeFromDm: 400 });
    expect(rooms.private.knownEpoch).toMatch(/^[0-9a-z]{10}$/);
    expect(rooms.private.epoch).not.toBe(rooms.private.knownEpoch);
  });

  it.each(CELLS.map((cell) => [cell.kind, cell.role, cell.door, cell.expect] as const))('%s room, %s, %s: %s', async (kind, role, door, expected) => {
    const outcome = await open(door, role, rooms[kind]);

    expect(outcome).toBe(expected);
  });
});

import { randomBytes } from 'node:crypto';
import { isValidRoomId, roomChannel, roomKindOfId } from '../../core/channels.ts';
import type { MemberChangedEvent, MemberRef } from '../../core/messages.ts';
import type { MemberAuditEntry } from '../../core/moderation.ts';
import { MODERATORS_GROUP, NO_PROFILE } from '../../core/author.ts';
import { checkHandle } from '../../core/names.ts';
import type { MemberList } from '../../core/history-api.ts';
import { checkPeopleQuery, PEOPLE_SEARCH_LIMIT, type PeopleList } from '../../core/people.ts';
import type { Room } from '../../core/rooms.ts';
import { toAuditItem } from '../lib/audit-keys.ts';
import { createDocumentClient } from '../lib/dynamo-client.ts';
import { AwsRuntimeEnvSchema, readEnv } from '../lib/env.ts';
import { BadRequestError, ConfigurationError, ConsistencyError, ForbiddenError, MutedError, NotFoundError } from '../lib/errors.ts';
import { createEventPublisher, type EventPublisher, PublishFailedError } from '../lib/event-publisher.ts';
import { createHandleLookup, type HandleLookup } from '../lib/handle-lookup.ts';
import { type HttpEvent, type HttpHandler, httpHandler } from '../lib/http-handler.ts';
import { type HttpResult, json, readJsonBody } from '../lib/http-response.ts';
import { readJwtCaller } from '../lib/jwt-claims.ts';
import { createLogger, type Logger } from '../lib/logger.ts';
import type { Member } from '../lib/member-item.ts';
import { createMessageIdGenerator, type MessageIdGenerator } from '../lib/message-id.ts';
import { metricsFromEnv, type MetricsSink } from '../lib/metrics.ts';
import { createMuteReader, type MuteReader } from '../lib/mute-reader.ts';
import { createRateLimiter, parseRateLimit, type RateLimiter } from '../lib/rate-limiter.ts';
import { DEFAULT_ROOM_LIMIT } from '../create-room/env.ts';
import { roomLimitError } from '../create-room/room-limit.ts';
import { createPeople, type People } from './people.ts';
import { dmRoomId, newEpoch } from '../lib/room-codes.ts';
import { createRoomMembers, type MembersOnlyRoom, type RoomMembers } from '../lib/room-members.ts';
import { TRANSACTION_ATTEMPTS } from '../lib/transactions.ts';
import { MembersEnvSchema } from './env.ts';

export type Members = HttpHandler;

export interface MembersDeps {
  rooms: RoomMembers;
  handles: HandleLookup;
  people: People;
  /** A muted member adds nobody and opens no new DM until the mute ends. */
  mutes: MuteReader;
  /** New DMs count as new rooms: the same `ROOMS#` counter and `ROOM_LIMIT` as `POST /rooms`. */
  roomLimiter: RateLimiter;
  publisher: EventPublisher;
  logger: Logger;
  metrics: MetricsSink;
  clock: () => number;
  nextId: MessageIdGenerator;
  newEpoch: () => string;
}

/** The name a DM's room item carries; the app shows the peer instead. */
export const DM_NAME = 'Direct message';

/**
 * Lambda entry point behind `GET/POST /rooms/{roomId}/members`, `DELETE
 * /rooms/{roomId}/members/{sub}`, `POST /dms` and `GET /people`: the only writers of memberships. A function of
 * its own because it publishes (`member.added`/`member.removed`) and deletes, which neither the
 * read-only `history` nor `create-room` (capped at 5 executions for new rooms) should be allowed.
 * The people search lives here beside the handle lookups of DMs and invitations it serves.
 */
export function createMembersHandler(env: Record<string, string | undefined>): Members {
  const config = readEnv(MembersEnvSchema, env);
  const runtime = readEnv(AwsRuntimeEnvSchema, env);
  if (runtime.AWS_ACCESS_KEY_ID === undefined || runtime.AWS_SECRET_ACCESS_KEY === undefined) {
    throw new ConfigurationError('members signs its Event API publishes with the runtime credentials, and they are missing');
  }
  const client = createDocumentClient(runtime);
  return createMembers({
    rooms: createRoomMembers(client, config.TABLE_NAME),
    handles: createHandleLookup(client, config.TABLE_NAME),
    people: createPeople(client, config.TABLE_NAME),
    mutes: createMuteReader(client, config.TABLE_NAME),
    roomLimiter: createRateLimiter(client, config.TABLE_NAME, parseRateLimit(config.ROOM_LIMIT ?? DEFAULT_ROOM_LIMIT), 'ROOMS'),
    publisher: createEventPublisher({
      url: config.EVENT_API_URL,
      region: runtime.AWS_REGION,
      credentials: { accessKeyId: runtime.AWS_ACCESS_KEY_ID, secretAccessKey: runtime.AWS_SECRET_ACCESS_KEY, sessionToken: runtime.AWS_SESSION_TOKEN },
    }),
    logger: createLogger({ serviceName: config.POWERTOOLS_SERVICE_NAME ?? 'members', logLevel: config.POWERTOOLS_LOG_LEVEL }),
    metrics: metricsFromEnv(config, 'members'),
    clock: Date.now,
    nextId: createMessageIdGenerator((length) => randomBytes(length)),
    newEpoch: () => newEpoch(),
  });
}

interface Caller extends MemberRef {
  moderator: boolean;
}

export function createMembers(deps: MembersDeps): Members {
  return httpHandler(deps, (request) => {
    const { sub, groups, profile } = readJwtCaller(request);
    // Names on memberships, events and audit entries come from the token's profile, never the body.
    if (sub === undefined || profile === null) throw new ForbiddenError(`Refused: ${NO_PROFILE}`);
    deps.logger.appendKeys({ callerSub: sub });
    const caller = { sub, handle: profile.handle, displayName: profile.displayName, moderator: groups.includes(MODERATORS_GROUP) };
    return route(deps, request, caller);
  });
}

async function route(deps: MembersDeps, event: HttpEvent, caller: Caller): Promise<HttpResult> {
  if (event.routeKey === 'POST /dms') return openDm(deps, caller, readJsonBody(event));
  if (event.routeKey === 'GET /people') return json(200, await searchPeople(deps, caller, event.queryStringParameters?.q));
  const roomId = membersOnlyRoomId(event.pathParameters?.roomId);
  deps.logger.appendKeys({ roomId });
  switch (event.routeKey) {
    case 'GET /rooms/{roomId}/members':
      return json(200, await listMembers(deps, roomId, caller));
    case 'POST /rooms/{roomId}/members':
      return json(200, await invite(deps, roomId, caller, readJsonBody(event)));
    case 'DELETE /rooms/{roomId}/members/{sub}':
      return json(200, await remove(deps, roomId, caller, event.pathParameters?.sub));
    default:
      throw new NotFoundError(`No route ${event.routeKey}`);
  }
}

/**
 * The room id of a members route. Public rooms have no members to list or change: anyone signed
 * in reads and posts there, so a member list would be empty and wrong at once; 400 says so.
 */
function membersOnlyRoomId(roomId: string | undefined): string {
  if (!isValidRoomId(roomId)) throw new BadRequestError('Invalid room id');
  if (roomKindOfId(roomId) === 'public') throw new BadRequestError('Public rooms have no members: anyone signed in may read and post in them');
  return roomId;
}

/** What a non-member learns of a private room or DM: exactly what a room that does not exist gives. */
function roomNotFound(roomId: string): NotFoundError {
  return new NotFoundError(`Room ${roomId} not found`);
}

/** The room and the caller's membership, side by side (1 RCU each); 404 unless both exist. */
async function roomOfMember(deps: MembersDeps, roomId: string, caller: Caller): Promise<{ room: MembersOnlyRoom; member: Member }> {
  const [room, member] = await Promise.all([deps.rooms.room(roomId), deps.rooms.member(roomId, caller.sub)]);
  if (!room || !member) throw roomNotFound(roomId);
  return { room, member };
}

async function listMembers(deps: MembersDeps, roomId: string, caller: Caller): Promise<MemberList> {
  await roomOfMember(deps, roomId, caller);
  const members = await deps.rooms.members(roomId);
  return { items: members.map(({ sub, handle, displayName, role }) => ({ sub, handle, displayName, role })) };
}

function readHandle(body: unknown): string {
  const raw = typeof body === 'object' && body !== null && 'handle' in body ? body.handle : undefined;
  const checked = checkHandle(raw);
  if (!checked.ok) throw new BadRequestError(checked.error, { field: 'handle' });
  return checked.value;
}

/** The account holding `handle` now, with its current names; 404 naming the handle otherwise. */
async function person(deps: MembersDeps, handle: string): Promise<MemberRef> {
  const sub = await deps.handles.subOf(handle, new Date(deps.clock()).toISOString());
  const profile = sub === null ? null : await deps.people.profile(sub);
  if (!profile) throw new NotFoundError(`Nobody has the handle @${handle}`, { field: 'handle' });
  return profile;
}

/**
 * Who a handle prefix finds, for the "New message" picker and the invite field: names anyone
 * signed in may see already (they show on every message and membership), so anyone may search.
 * One more than the page is read, so leaving out the caller still fills it.
 */
async function searchPeople(deps: MembersDeps, caller: Caller, q: string | undefined): Promise<PeopleList> {
  const query = checkPeopleQuery(q);
  if (!query.ok) throw new BadRequestError(query.error);
  if (query.value === null) return { items: [] };
  const found = await deps.people.search(query.value, PEOPLE_SEARCH_LIMIT + 1);
  return { items: found.filter((person) => person.sub !== caller.sub).slice(0, PEOPLE_SEARCH_LIMIT).map(ref) };
}

/** 403 MUTED while a moderator's mute runs, as for a muted member's messages and new rooms. */
async function refuseMuted(deps: MembersDeps, caller: Caller, what: string): Promise<void> {
  const { until } = await deps.mutes.status(caller.sub, deps.clock());
  if (until !== undefined) throw new MutedError(`You are muted until ${until} and cannot ${what} until then`, until);
}

function ref({ sub, handle, displayName }: MemberRef): MemberRef {
  return { sub, handle, displayName };
}

function memberAudit(deps: MembersDeps, action: MemberAuditEntry['action'], roomId: string, member: MemberRef, by: MemberRef): Record<string, unknown> {
  const now = deps.clock();
  const entry: MemberAuditEntry = { id: deps.nextId(now), at: new Date(now).toISOString(), action, roomId, member: ref(member), moderator: ref(by) };
  return toAuditItem(entry);
}

/**
 * Tells the room's open clients, on the channel of the epoch they listen on. The membership has
 * changed already, and asking again would not publish again (the change is done), so a failed
 * publish is logged and counted rather than failing the request; the removal's new epoch keeps a
 * removed member out whether or not the event went out.
 */
async function announce(deps: MembersDeps, roomId: string, epoch: string, event: MemberChangedEvent): Promise<void> {
  try {
    await deps.publisher.publish(roomChannel(roomId, epoch), [event]);
  } catch (error) {
    if (!(error instanceof PublishFailedError)) throw error;
    deps.logger.error('member change not published', { error });
    deps.metrics.count('MemberChangesNotPublished', 1);
  }
}

/** Any member invites anyone by handle into a private room; a DM stays between its two. Already a member: 200, unchanged. */
async function invite(deps: MembersDeps, roomId: string, caller: Caller, body: unknown): Promise<{ member: MemberRef & { role: string }; added: boolean }> {
  const handle = readHandle(body);
  const [{ room }] = await Promise.all([roomOfMember(deps, roomId, caller), refuseMuted(deps, caller, 'add members')]);
  if (room.room.kind === 'dm') throw new BadRequestError('A direct message has exactly two members; start a private room to talk with more people');
  const invitee = await person(deps, handle);
  const member: Member = { ...ref(invitee), roomId, role: 'member', addedAt: new Date(deps.clock()).toISOString(), addedBy: caller.sub };
  const added = await deps.rooms.add(member, memberAudit(deps, 'member.added', roomId, invitee, caller));
  if (added) {
    deps.metrics.count('MembersAdded', 1);
    await announce(deps, roomId, room.epoch, { type: 'member.added', roomId, member: ref(invitee), by: ref(caller) });
  }
  const stored = added ? member : ((await deps.rooms.member(roomId, invitee.sub)) ?? member);
  return { member: { ...ref(stored), role: stored.role }, added };
}

/**
 * The owner or a moderator removes anyone; anyone removes themself (leaves). Every removal
 * rotates the epoch, so the removed member's open subscription hears nothing new. When the owner
 * leaves, the oldest remaining member becomes owner: someone can still remove members, and it
 * is the one who has been there longest, which needs no choice from anybody. A DM cannot be left:
 * its id is its pair of accounts, so it could never be re-created for them.
 */
async function remove(deps: MembersDeps, roomId: string, caller: Caller, targetSub: string | undefined): Promise<{ removed: MemberRef }> {
  if (targetSub === undefined || targetSub === '') throw new BadRequestError('Which member? The path ends with their sub');
  for (let attempt = 1; attempt <= TRANSACTION_ATTEMPTS; attempt += 1) {
    const [room, own] = await Promise.all([deps.rooms.room(roomId), deps.rooms.member(roomId, caller.sub)]);
    // A moderator removes from rooms they are not in; anyone else who is not a member gets the 404 of a room that does not exist.
    if (!room || (!own && !caller.moderator)) throw roomNotFound(roomId);
    if (room.room.kind === 'dm') throw new BadRequestError('A direct message cannot be left or changed: it is always between its two people');
    const leaving = targetSub === caller.sub;
    if (!leaving && own?.role !== 'owner' && !caller.moderator) throw new ForbiddenError("Only the room's owner or a moderator may remove members");
    const members = await deps.rooms.members(roomId);
    const target = members.find((member) => member.sub === targetSub);
    if (!target) throw new NotFoundError(`No member ${targetSub} in room ${roomId}`);
    const heir = target.role === 'owner' ? members.find((member) => member.sub !== targetSub) : undefined;
    const removed = await deps.rooms.remove({
      roomId,
      sub: targetSub,
      epoch: room.epoch,
      newEpoch: deps.newEpoch(),
      ...(heir === undefined ? {} : { newOwner: heir.sub }),
      audit: memberAudit(deps, 'member.removed', roomId, target, caller),
    });
    if (removed) {
      deps.metrics.count('MembersRemoved', 1);
      // On the epoch's channel before the rotation: the one every member, the removed one too, listens on.
      await announce(deps, roomId, room.epoch, { type: 'member.removed', roomId, member: ref(target), by: ref(caller) });
      return { removed: ref(target) };
    }
  }
  throw new ConsistencyError(`The members of ${roomId} kept changing; try again`);
}

/**
 * The DM of the caller and the account with `handle`: 201 when this call created it, 200 with
 * the same room when it exists (either side created it, or both at once: the transaction on the
 * id derived from the pair lets one of them create it). The peer is named as their profile says now.
 */
async function openDm(deps: MembersDeps, caller: Caller, body: unknown): Promise<HttpResult> {
  const peer = await person(deps, readHandle(body));
  if (peer.sub === caller.sub) throw new BadRequestError('A direct message needs someone else: that handle is yours', { field: 'handle' });
  const id = dmRoomId(caller.sub, peer.sub);
  deps.logger.appendKeys({ roomId: id });
  const existing = await deps.rooms.room(id);
  if (existing) return json(200, withPeer(existing.room, peer));
  // Only a new DM is limited, as only a new room is: opening an existing one creates nothing.
  const nowMs = deps.clock();
  const [, { allowed }] = await Promise.all([refuseMuted(deps, caller, 'start direct messages'), deps.roomLimiter.admit(caller.sub, 1, nowMs)]);
  if (allowed < 1 && deps.roomLimiter.limit !== 'off') {
    deps.metrics.count('RoomsRateLimited', 1);
    throw roomLimitError(deps.roomLimiter.limit, nowMs);
  }
  const now = new Date(nowMs).toISOString();
  const member = (who: MemberRef, other: MemberRef): Member => ({ ...ref(who), roomId: id, role: 'member', addedAt: now, addedBy: caller.sub, peerSub: other.sub });
  const { room, created } = await deps.rooms.create({
    id,
    name: DM_NAME,
    epoch: deps.newEpoch(),
    createdBy: caller.sub,
    now,
    members: [member(caller, peer), member(peer, caller)],
  });
  if (created) deps.metrics.count('DmsCreated', 1);
  return json(created ? 201 : 200, withPeer(room.room, peer));
}

function withPeer(room: Room, peer: MemberRef): Room {
  return { ...room, peer: ref(peer) };
}

import { flushPromises } from '@vue/test-utils';
import { createPinia, type Pinia, setActivePinia } from 'pinia';
import { type App, createApp } from 'vue';
import type { Author, ChatMessage, HistoryItem } from '../../core/messages.ts';
import { minMessageIdAt } from '../../core/message-id.ts';
import type { MessageReactions } from '../../core/reactions.ts';
import type { AuthService, SessionUser } from '../services/auth.ts';
import type { EventsService, PostResult, SubscriptionHandlers } from '../services/events.ts';
import { ROOM_PAGE_SIZE } from '../../core/history-api.ts';
import type { HistoryService, MessagePage, Room, RoomList } from '../services/history.ts';
import { SERVICES, type Services } from '../services/services.ts';
import { createFakeMembers } from './fake-members.ts';
import { createFakeProfile } from './fake-profile.ts';

export const ALICE: SessionUser = { sub: 'sub-alice', handle: 'alice', displayName: 'Alice', moderator: false };
export const BOB: Author = { sub: 'sub-bob', handle: 'bob', displayName: 'Bob', moderator: false };

/** Test double of the Event API: subscriptions acknowledge at once unless `holdAcks` is set. */
export function createFakeEvents() {
  const subscribers = new Map<string, SubscriptionHandlers[]>();
  const posts: { channel: string; event: Record<string, unknown> }[] = [];
  const stateListeners: ((state: string) => void)[] = [];
  const calls: string[] = [];
  const held: (() => void)[] = [];
  let nextResults: PostResult[] = [];
  const fake = {
    holdAcks: false,
    closedAll: false,
    subscribers,
    posts,
    calls,
    async subscribe(channel: string, handlers: SubscriptionHandlers) {
      calls.push(`subscribe ${channel}`);
      if (fake.holdAcks) await new Promise<void>((resolve) => held.push(resolve));
      subscribers.set(channel, [...(subscribers.get(channel) ?? []), handlers]);
      calls.push(`ready ${channel}`);
      return {
        unsubscribe: () => {
          calls.push(`unsubscribe ${channel}`);
          subscribers.set(channel, (subscribers.get(channel) ?? []).filter((h) => h !== handlers));
        },
      };
    },
    async post(channel: string, event: Record<string, unknown>): Promise<PostResult> {
      posts.push({ channel, event });
      return nextResults.shift() ?? { ok: true };
    },
    onConnectionState(listener: (state: string) => void) {
      stateListeners.push(listener);
      return () => undefined;
    },
    async closeAll() {
      fake.closedAll = true;
    },
    /** Delivers a data frame to everyone subscribed to `channel`. */
    emit(channel: string, event: unknown) {
      (subscribers.get(channel) ?? []).forEach((h) => h.next(event));
    },
    setState(state: string) {
      stateListeners.forEach((l) => l(state));
    },
    releaseAcks() {
      held.splice(0).forEach((release) => release());
    },
    failNextPosts(...results: PostResult[]) {
      nextResults = results;
    },
  };
  return fake satisfies EventsService & Record<string, unknown>;
}

/** Test double of the history API over in-memory rooms, with the real paging rules; `holdPages` keeps message pages back until `releasePages`. */
export function createFakeHistory(rooms: Room[] = []) {
  const messages = new Map<string, ChatMessage[]>();
  const held: (() => void)[] = [];
  const hold = async () => {
    if (fake.holdPages) await new Promise<void>((resolve) => held.push(resolve));
  };
  const removed = new Set<string>();
  const deleted = new Set<string>();
  /**
   * Moderation actions (as the room's `AUDIT#` partition holds them) and changes (as overlays
   * record when they changed), in time order.
   */
  const audit: { id: string; message: ChatMessage; change?: true }[] = [];
  const calls: string[] = [];
  const shown = (m: ChatMessage): HistoryItem =>
    deleted.has(m.id)
      ? { id: m.id, roomId: m.roomId, createdAt: m.createdAt, deleted: true }
      : removed.has(m.id)
        ? { id: m.id, roomId: m.roomId, createdAt: m.createdAt, removed: true }
        : m;
  /** A page as the API serves it: removed messages as placeholders. */
  const page = (items: ChatMessage[], limit: number, cursor: (m: ChatMessage) => string): MessagePage =>
    items.length > limit ? { items: items.slice(0, limit).map(shown), nextCursor: cursor(items[limit - 1] as ChatMessage) } : { items: items.map(shown) };
  const fake = {
    calls,
    rooms,
    messages,
    holdPages: false,
    releasePages() {
      held.splice(0).forEach((release) => release());
    },
    /** Stores a message as persist-messages would. */
    store(message: ChatMessage) {
      const list = [...(messages.get(message.roomId) ?? []), message].sort((a, b) => (a.id < b.id ? -1 : 1));
      messages.set(message.roomId, list);
    },
    /** A moderator removes or restores `message` at time `n` (the scale of `storedMessage`). */
    moderate(message: ChatMessage, action: 'remove' | 'restore', n: number) {
      if (action === 'remove') removed.add(message.id);
      else removed.delete(message.id);
      audit.push({ id: idAt(n), message });
    },
    /**
     * The author edits or deletes a stored message, or its reactions change, at time `n` (the scale
     * of `storedMessage`): history serves it as it now is, and a gap fill after `n` whose
     * `changesFrom` reaches back to it lists it in `updates`.
     */
    change(message: ChatMessage, change: { text?: string; reactions?: ChatMessage['reactions']; deleted?: true }, n: number) {
      const list = messages.get(message.roomId) ?? [];
      const current = list.find((m) => m.id === message.id) ?? message;
      const next: ChatMessage = { ...current };
      if (change.text !== undefined) Object.assign(next, { text: change.text, editedAt: new Date(timeAt(n)).toISOString() });
      if (change.reactions !== undefined) next.reactions = change.reactions;
      if (change.deleted) deleted.add(message.id);
      messages.set(message.roomId, list.map((m) => (m.id === message.id ? next : m)));
      audit.push({ id: idAt(n), message: next, change: true });
    },
    /** Pages of `ROOM_PAGE_SIZE` in id order, as the API serves them; the cursor here is the last id of the page before. */
    async listRooms(cursor?: string): Promise<RoomList> {
      calls.push(cursor === undefined ? 'listRooms' : `listRooms cursor=${cursor}`);
      // Archived rooms are left out, as the API leaves them out.
      const after = [...rooms].sort((a, b) => (a.id < b.id ? -1 : 1)).filter((room) => !room.archived && (cursor === undefined || room.id > cursor));
      const items = after.slice(0, ROOM_PAGE_SIZE);
      return after.length > items.length ? { items, nextCursor: items.at(-1)!.id } : { items };
    },
    /** What the next `createRoom` rejects with, as Amplify's REST client would (then cleared). */
    createFailure: undefined as unknown,
    async createRoom(name: string, kind: 'public' | 'private' = 'public') {
      const failure = fake.createFailure;
      fake.createFailure = undefined;
      if (failure !== undefined) throw failure;
      calls.push(`createRoom ${kind} ${name}`);
      if (kind === 'private') {
        // A fresh members-only id every time, as the server draws one.
        const id = `p-${String(rooms.length + 1).padStart(26, '0')}`;
        const room: Room = { id, name, kind, lastMessageAt: null, epoch: '0000000001' };
        rooms.push(room);
        return { room, created: true };
      }
      // A name an existing room has, in any case, stands for the look-alike check.
      const existing = rooms.find((room) => room.id === name || room.name.toLowerCase() === name.toLowerCase());
      if (existing) return { room: existing, created: false };
      const room: Room = { id: name, name, kind: 'public', lastMessageAt: null };
      rooms.push(room);
      return { room, created: true };
    },
    async getRoom(roomId: string) {
      calls.push(`getRoom ${roomId}`);
      const room = rooms.find((r) => r.id === roomId);
      if (!room) throw Object.assign(new Error(`Room ${roomId} not found`), { response: { statusCode: 404 } });
      return room;
    },
    async olderMessages(roomId: string, { limit, before }: { limit: number; before?: string }) {
      calls.push(`older ${roomId}${before ? ` before=${before}` : ''}`);
      await hold();
      const all = [...(messages.get(roomId) ?? [])].reverse().filter((m) => before === undefined || m.id < before);
      return page(all, limit, (m) => m.id);
    },
    /** Who reacted, per message id, as a test sets it. */
    reactors: new Map<string, MessageReactions>(),
    async whoReacted(roomId: string, messageId: string): Promise<MessageReactions> {
      calls.push(`reactions ${roomId} ${messageId}`);
      return fake.reactors.get(messageId) ?? { items: [] };
    },
    async messagesAfter(roomId: string, { limit, after, changesFrom }: { limit: number; after: string; changesFrom?: string }) {
      calls.push(`after ${roomId} after=${after}`);
      await hold();
      const result = page((messages.get(roomId) ?? []).filter((m) => m.id > after), limit, (m) => m.id);
      // The latest state of each message acted on, once.
      const asked = (a: (typeof audit)[number]) => !a.change || (changesFrom !== undefined && a.message.id >= changesFrom);
      const latest = new Map(audit.filter((a) => a.id > after && a.message.roomId === roomId && asked(a)).map((a) => [a.message.id, a.message]));
      const acted = [...latest.values()];
      return { ...result, ...(acted.length ? { updates: acted.map(shown) } : {}) };
    },
  };
  return fake satisfies HistoryService & Record<string, unknown>;
}

/** Test double of Cognito: `refreshes` counts forced token refreshes; `failRefresh` makes them reject. */
export function createFakeAuth(user: SessionUser | null = ALICE) {
  const fake = {
    refreshes: 0,
    failRefresh: false,
    currentUser: async () => user,
    accessToken: async () => 'token',
    async refreshSession() {
      fake.refreshes += 1;
      if (fake.failRefresh) throw new Error('Refresh failed');
    },
    onAuthChange: () => () => undefined,
    signOut: async () => undefined,
  };
  return fake satisfies AuthService;
}

export interface TestContext {
  app: App;
  pinia: Pinia;
  events: ReturnType<typeof createFakeEvents>;
  history: ReturnType<typeof createFakeHistory>;
  auth: ReturnType<typeof createFakeAuth>;
  profile: ReturnType<typeof createFakeProfile>;
  /** Knows only the signed-in account until a test adds people (`members.people`). */
  members: ReturnType<typeof createFakeMembers>;
  services: Services;
}

/**
 * A fresh app + pinia with fake services provided, active for stores used outside components.
 * Storage starts empty too: test files may share one DOM environment, and read markers live there.
 */
export function createTestContext(options: { rooms?: Room[]; user?: SessionUser | null } = {}): TestContext {
  localStorage.clear();
  const events = createFakeEvents();
  const history = createFakeHistory(options.rooms ?? []);
  const user = options.user === undefined ? ALICE : options.user;
  const auth = createFakeAuth(user);
  const profile = createFakeProfile({ sub: user?.sub ?? 'sub-nobody', handle: user?.handle ?? 'nobody', displayName: user?.displayName ?? 'Nobody', moderator: false });
  const self = { sub: user?.sub ?? 'sub-nobody', handle: user?.handle ?? 'nobody', displayName: user?.displayName ?? 'Nobody' };
  const members = createFakeMembers(history, self, [self]);
  const services: Services = { auth, events, history, profile, members };
  const pinia = createPinia();
  const app = createApp({ render: () => null }).provide(SERVICES, services).use(pinia);
  setActivePinia(pinia);
  return { app, pinia, events, history, auth, profile, members, services };
}

let sequence = 0;
const timeAt = (n: number) => Date.UTC(2026, 10, 30, 12, 0, 0) + n * 1000;
/** An id of time `n` (seconds on a fixed day), after every message id of that second. */
const idAt = (n: number) => `${minMessageIdAt(timeAt(n)).slice(0, 10)}${'Z'.repeat(16)}`;

/** A stored message with an id in room order (`n` orders them). */
export function storedMessage(roomId: string, n: number, author = BOB, text = `message ${n}`): ChatMessage {
  sequence += 1;
  const time = timeAt(n);
  const id = `${minMessageIdAt(time).slice(0, 10)}${'0'.repeat(15)}${String(sequence % 10)}`;
  return { id, roomId, text, author, createdAt: new Date(time).toISOString(), clientMsgId: crypto.randomUUID() };
}

/**
 * Lets everything the app scheduled run: pending promises, then work put off until after the next
 * paint (`afterNextPaint`: an animation frame, then a task), then the promises that work started.
 */
export async function settle(): Promise<void> {
  await flushPromises();
  await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  await flushPromises();
}

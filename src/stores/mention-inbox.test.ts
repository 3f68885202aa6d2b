import { beforeEach, describe, expect, it } from 'vitest';
import { roomChannel, userChannel } from '../../core/channels.ts';
import { type MentionEvent, mentionNoticeOf, mentionWithdrawalOf } from '../../core/mention-notice.ts';
import type { ChatMessage } from '../../core/messages.ts';
import { NOTIFIER, type Notifier } from '../services/notifier.ts';
import { ALICE, BOB, createTestContext, settle, storedMessage, type TestContext } from '../test-support/fake-services.ts';
import { useMentionAlertsStore } from './mention-alerts.ts';
import { useMentionInboxStore } from './mention-inbox.ts';
import { useOpenRoomsStore } from './open-rooms.ts';
import { useReadMarkersStore } from './read-markers.ts';
import { useSessionStore } from './session.ts';
import { useConnectionStore } from './connection.ts';

const LOBBY = 'lobby';
const QUIET = 'quiet-corner';
const MINE = userChannel(ALICE.sub);
let ctx: TestContext;

function fakeNotifier(hidden = true) {
  const fake = {
    hiddenPage: hidden,
    shown: [] as { title: string; body: string; tag: string; open: () => void }[],
    permission: () => 'granted' as const,
    request: async () => 'granted' as const,
    hidden: () => fake.hiddenPage,
    closed: [] as string[],
    close(tag: string) {
      fake.closed.push(tag);
    },
    show(title: string, body: string, tag: string, open: () => void) {
      fake.shown.push({ title, body, tag, open });
    },
  };
  return fake satisfies Notifier;
}

const mentioning = (roomId: string, n: number): ChatMessage => ({ ...storedMessage(roomId, n, BOB, `hey @alice ${n}`), mentions: [{ sub: ALICE.sub, handle: 'alice' }] });
const noticeOf = (message: ChatMessage): MentionEvent => mentionNoticeOf(message);

/** The open-rooms store with the lobby entered and shown, its subscription settled. */
async function lobbyOpen() {
  const open = useOpenRoomsStore(ctx.pinia);
  await open.enter(LOBBY);
  open.show(LOBBY);
  await settle();
  return open;
}

async function setUp(notifier: Notifier = fakeNotifier(), stored: MentionEvent[] = [], pageSize = 100, prepare = () => {}) {
  ctx = createTestContext({
    rooms: [
      { id: LOBBY, name: LOBBY, kind: 'public' as const, lastMessageAt: null },
      { id: QUIET, name: QUIET, kind: 'public' as const, lastMessageAt: null },
    ],
  });
  ctx.app.provide(NOTIFIER, notifier);
  ctx.profile.mentions = stored;
  ctx.profile.pageSize = pageSize;
  prepare();
  const inbox = ctx.app.runWithContext(() => useMentionInboxStore(ctx.pinia));
  await useSessionStore(ctx.pinia).ready();
  await settle();
  return inbox;
}

describe('mention inbox', () => {
  beforeEach(() => localStorage.clear());

  it('listens on the reader\'s own channel once signed in, and stops at sign-out', async () => {
    const inbox = await setUp();

    expect(ctx.events.calls.filter((c) => c.endsWith(MINE))).toEqual([`subscribe ${MINE}`, `ready ${MINE}`]);
    expect(inbox.status).toBe('ready');

    await useSessionStore(ctx.pinia).signOut();
    await settle();

    expect(ctx.events.calls.at(-1)).toBe(`unsubscribe ${MINE}`);
    expect(inbox.status).toBe('idle');
  });

  it('badges a room not open with each mention heard once, and notifies once while hidden', async () => {
    const notifier = fakeNotifier();
    const inbox = await setUp(notifier);
    const first = mentioning(QUIET, 1);
    const second = mentioning(QUIET, 2);

    ctx.events.emit(MINE, noticeOf(first));
    ctx.events.emit(MINE, noticeOf(first));
    ctx.events.emit(MINE, noticeOf(second));

    expect(inbox.mentionCounts[QUIET]).toBe(2);
    expect(notifier.shown.map((n) => [n.title, n.body, n.tag])).toEqual([
      ['Bob @bob mentioned you', 'hey @alice 1', `mention-${first.id}`],
      ['Bob @bob mentioned you', 'hey @alice 2', `mention-${second.id}`],
    ]);
  });

  it('opens the mentioned message when its notification is activated', async () => {
    const notifier = fakeNotifier();
    await setUp(notifier);
    const opened: string[] = [];
    useMentionAlertsStore(ctx.pinia).onOpen((target) => opened.push(`${target.roomId}/${target.id}`));
    const message = mentioning(QUIET, 1);

    ctx.events.emit(MINE, noticeOf(message));
    notifier.shown[0]?.open();

    expect(opened).toEqual([`${QUIET}/${message.id}`]);
  });

  it('shows no notification while the tab is visible, but still badges the room', async () => {
    const notifier = fakeNotifier(false);
    const inbox = await setUp(notifier);

    ctx.events.emit(MINE, noticeOf(mentioning(QUIET, 1)));

    expect(inbox.mentionCounts[QUIET]).toBe(1);
    expect(notifier.shown).toEqual([]);
  });

  it('clears a room\'s badge once it is read up to the mention', async () => {
    const inbox = await setUp();
    const older = mentioning(QUIET, 1);
    const newer = mentioning(QUIET, 3);
    ctx.events.emit(MINE, noticeOf(older));
    ctx.events.emit(MINE, noticeOf(newer));

    useReadMarkersStore(ctx.pinia).markRead(QUIET, storedMessage(QUIET, 2).id);
    const between = inbox.mentionCounts[QUIET];
    useReadMarkersStore(ctx.pinia).markRead(QUIET, newer.id);

    expect(between).toBe(1);
    expect(inbox.mentionCounts[QUIET]).toBe(0);
  });

  it('leaves an open room to its own feed: counted once, notified once', async () => {
    const notifier = fakeNotifier();
    const inbox = await setUp(notifier);
    const open = await lobbyOpen();
    const message = mentioning(LOBBY, 5);

    ctx.events.emit(roomChannel(LOBBY), { type: 'message.created', message });
    ctx.events.emit(MINE, noticeOf(message));

    expect(inbox.mentionCounts[LOBBY]).toBeUndefined();
    expect(open.mentionCounts[LOBBY]).toBe(1);
    expect(notifier.shown).toHaveLength(1);
  });

  it('notifies of an edit in an open room that newly mentions the reader, heard on their own channel', async () => {
    const notifier = fakeNotifier();
    const inbox = await setUp(notifier);
    const open = await lobbyOpen();
    const draft = storedMessage(LOBBY, 6, BOB, 'plans');
    const editedAt = new Date(Date.parse(draft.createdAt) + 60_000).toISOString();
    const edited: ChatMessage = { ...draft, text: 'plans, @alice?', editedAt, mentions: [{ sub: ALICE.sub, handle: 'alice' }] };
    ctx.events.emit(roomChannel(LOBBY), { type: 'message.created', message: draft });

    ctx.events.emit(roomChannel(LOBBY), { type: 'message.edited', message: edited });
    ctx.events.emit(MINE, noticeOf(edited));

    expect(notifier.shown.map((n) => [n.title, n.body])).toEqual([['Bob @bob mentioned you', 'plans, @alice?']]);
    expect(inbox.mentionCounts[LOBBY]).toBeUndefined();
    expect(open.mentionCounts[LOBBY]).toBe(1);
  });

  it('counts and notifies a message once when an edit mentions the reader again after its first notice', async () => {
    const notifier = fakeNotifier();
    const inbox = await setUp(notifier);
    const first = mentioning(QUIET, 1);

    ctx.events.emit(MINE, noticeOf(first));
    ctx.events.emit(MINE, noticeOf({ ...first, text: `${first.text}, edited`, editedAt: new Date(Date.parse(first.createdAt) + 60_000).toISOString() }));

    expect(inbox.mentionCounts[QUIET]).toBe(1);
    expect(notifier.shown).toHaveLength(1);
  });

  it('does not notify twice when the notice came before the room\'s own copy', async () => {
    const notifier = fakeNotifier();
    await setUp(notifier);
    const message = mentioning(LOBBY, 5);

    ctx.events.emit(MINE, noticeOf(message));
    useMentionAlertsStore(ctx.pinia).messageArrived(message);

    expect(notifier.shown).toHaveLength(1);
  });

  it.each([
    ['a malformed notice', { type: 'mention', roomId: QUIET }],
    ['another kind of event', { type: 'typing', roomId: QUIET }],
    ['the reader\'s own mention', { ...noticeOf(mentioning(QUIET, 1)), author: { sub: ALICE.sub, handle: 'alice', displayName: 'Alice' } }],
  ])('ignores %s', async (_case, event) => {
    const notifier = fakeNotifier();
    const inbox = await setUp(notifier);

    ctx.events.emit(MINE, event);

    expect(inbox.mentionCounts).toEqual({});
    expect(notifier.shown).toEqual([]);
  });

  it('badges the rooms of mentions stored while the app was closed, read once signed in, without notifying', async () => {
    const notifier = fakeNotifier();
    const first = mentioning(QUIET, 1);
    const second = mentioning(QUIET, 2);
    const lobby = mentioning(LOBBY, 3);

    const inbox = await setUp(notifier, [first, second, lobby].map(noticeOf), 2);

    expect(ctx.profile.mentionReads).toEqual([undefined, second.id]);
    expect(inbox.mentionCounts).toEqual({ [QUIET]: 2, [LOBBY]: 1 });
    expect(notifier.shown).toEqual([]);
  });

  it('reads the stored list only once subscribed, so a notice published in between is not missed', async () => {
    const subscribedAtRead: boolean[] = [];

    await setUp(fakeNotifier(), [], 100, () => {
      const read = ctx.profile.getMyMentions;
      ctx.profile.getMyMentions = (after) => (subscribedAtRead.push(ctx.events.calls.includes(`ready ${MINE}`)), read(after));
    });

    expect(subscribedAtRead).toEqual([true]);
  });

  it('counts a mention once when it arrives both stored and live, and does not notify it again', async () => {
    const notifier = fakeNotifier();
    const message = mentioning(QUIET, 1);
    const inbox = await setUp(notifier, [noticeOf(message)]);

    ctx.events.emit(MINE, noticeOf(message));

    expect(inbox.mentionCounts[QUIET]).toBe(1);
    expect(notifier.shown).toEqual([]);
  });

  it('leaves out a stored mention the room has been read past on this device', async () => {
    const marker = storedMessage(QUIET, 2).id;
    const read = mentioning(QUIET, 1);
    const unread = mentioning(QUIET, 3);

    const inbox = await setUp(fakeNotifier(), [read, unread].map(noticeOf), 100, () => localStorage.setItem(`parley.read.${ALICE.sub}`, JSON.stringify({ [QUIET]: marker })));

    expect(inbox.mentionCounts[QUIET]).toBe(1);
  });

  it('reads what was stored since the newest mention heard after a reconnect', async () => {
    const heard = mentioning(QUIET, 1);
    const inbox = await setUp(fakeNotifier(), [noticeOf(heard)]);
    const missed = mentioning(LOBBY, 2);
    ctx.profile.mentions = [noticeOf(heard), noticeOf(missed)];
    const connection = useConnectionStore(ctx.pinia);

    connection.onState('ConnectionDisrupted');
    connection.onState('Connected');
    await settle();

    expect(ctx.profile.mentionReads).toHaveLength(2);
    expect(ctx.profile.mentionReads[1]! < heard.id).toBe(true);
    expect(inbox.mentionCounts).toEqual({ [QUIET]: 1, [LOBBY]: 1 });
  });

  it('stops counting a mention whose message its author deleted, heard live, and does not count it again', async () => {
    const notifier = fakeNotifier();
    const inbox = await setUp(notifier);
    const deleted = mentioning(QUIET, 1);
    const kept = mentioning(QUIET, 2);
    ctx.events.emit(MINE, noticeOf(deleted));
    ctx.events.emit(MINE, noticeOf(kept));

    ctx.events.emit(MINE, mentionWithdrawalOf(deleted));
    const after = inbox.mentionCounts[QUIET];
    ctx.events.emit(MINE, noticeOf(deleted));

    expect(after).toBe(1);
    expect(inbox.mentionCounts[QUIET]).toBe(1);
    // Its notification, shown while the tab was hidden, is taken back too.
    expect(notifier.closed).toEqual([`mention-${deleted.id}`]);
  });

  it('takes back a stored mention whose withdrawal was stored after it, while the app was closed', async () => {
    const deleted = mentioning(QUIET, 1);
    const kept = mentioning(LOBBY, 2);

    const inbox = await setUp(fakeNotifier(), [noticeOf(deleted), mentionWithdrawalOf(deleted), noticeOf(kept)]);

    expect(inbox.mentionCounts).toEqual({ [QUIET]: 0, [LOBBY]: 1 });
  });

  it('does not count a mention whose withdrawal came first, as when a stored read races the live channel', async () => {
    const deleted = mentioning(QUIET, 1);
    const inbox = await setUp(fakeNotifier(), [], 100, () => {
      const read = ctx.profile.getMyMentions;
      // The withdrawal is heard live while the stored list, which still holds the mention, is read.
      ctx.profile.getMyMentions = (after) => (ctx.events.emit(MINE, mentionWithdrawalOf(deleted)), read(after));
      ctx.profile.mentions = [noticeOf(deleted)];
    });

    expect(inbox.mentionCounts[QUIET]).toBeUndefined();
  });

  it('ignores a malformed withdrawal', async () => {
    const inbox = await setUp();
    const message = mentioning(QUIET, 1);

    ctx.events.emit(MINE, { type: 'mention.withdrawn', roomId: 42, messageId: message.id });
    ctx.events.emit(MINE, noticeOf(message));

    expect(inbox.mentionCounts[QUIET]).toBe(1);
  });

  it('keeps the live mentions when the stored list cannot be read', async () => {
    const inbox = await setUp();
    ctx.profile.getMyMentions = async () => Promise.reject(new Error('offline'));
    const connection = useConnectionStore(ctx.pinia);

    ctx.events.emit(MINE, noticeOf(mentioning(QUIET, 1)));
    connection.onState('ConnectionDisrupted');
    connection.onState('Connected');
    await settle();

    expect(inbox.mentionCounts[QUIET]).toBe(1);
    expect(inbox.status).toBe('ready');
  });
});

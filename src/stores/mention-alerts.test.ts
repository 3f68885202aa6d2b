import { beforeEach, describe, expect, it } from 'vitest';
import { roomChannel } from '../../core/channels.ts';
import type { ChatMessage } from '../../core/messages.ts';
import { NOTIFIER, type Notifier, type NotifyPermission } from '../services/notifier.ts';
import { ALICE, BOB, createTestContext, settle, storedMessage, type TestContext } from '../test-support/fake-services.ts';
import { MENTION_OFFER_KEY, useMentionAlertsStore } from './mention-alerts.ts';
import { useOpenRoomsStore } from './open-rooms.ts';
import { useSessionStore } from './session.ts';

const ROOM = 'lobby';
let ctx: TestContext;

function fakeNotifier(permission: NotifyPermission, answer: NotifyPermission = 'granted') {
  const fake = {
    state: permission,
    hiddenPage: true,
    asked: 0,
    shown: [] as { title: string; body: string; tag: string; open: () => void }[],
    permission: () => fake.state,
    async request() {
      fake.asked += 1;
      fake.state = answer;
      return answer;
    },
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

const mentioning = (sub: string): ChatMessage => ({ ...storedMessage(ROOM, 5, BOB, 'hey @alice'), mentions: [{ sub, handle: 'alice' }] });

async function setUp(notifier: Notifier) {
  ctx = createTestContext({ rooms: [{ id: ROOM, name: ROOM, kind: 'public' as const, lastMessageAt: null }] });
  ctx.app.provide(NOTIFIER, notifier);
  await useSessionStore(ctx.pinia).ready();
  return ctx.app.runWithContext(() => useMentionAlertsStore(ctx.pinia));
}

describe('mention notifications', () => {
  beforeEach(() => localStorage.clear());

  it('asks the browser only when the member chooses to, and never offers again', async () => {
    const notifier = fakeNotifier('default');
    const alerts = await setUp(notifier);
    expect(alerts.offered).toBe(true);
    expect(notifier.asked).toBe(0);

    await alerts.enable();

    expect(notifier.asked).toBe(1);
    expect(alerts.offered).toBe(false);
    expect(localStorage.getItem(MENTION_OFFER_KEY)).toBe('1');
  });

  it('stops offering once dismissed, without asking the browser', async () => {
    const notifier = fakeNotifier('default');
    const alerts = await setUp(notifier);

    alerts.dismiss();

    expect(alerts.offered).toBe(false);
    expect(notifier.asked).toBe(0);
  });

  it('notifies of a live mention of the reader while the tab is hidden, and activating it opens the message', async () => {
    const notifier = fakeNotifier('granted');
    const alerts = await setUp(notifier);
    const opened: string[] = [];
    alerts.onOpen((m) => opened.push(m.id));
    const open = useOpenRoomsStore(ctx.pinia);
    await open.enter(ROOM);
    open.show(ROOM);
    await settle();
    const message = mentioning(ALICE.sub);

    ctx.events.emit(roomChannel(ROOM), { type: 'message.created', message });
    notifier.shown[0]?.open();

    expect(notifier.shown.map((n) => [n.title, n.body])).toEqual([['Bob @bob mentioned you', 'hey @alice']]);
    expect(opened).toEqual([message.id]);
    expect(open.mentionCounts[ROOM]).toBe(1);
  });

  it.each([
    ['the tab is visible', 'granted', false, ALICE.sub],
    ['permission is not granted', 'denied', true, ALICE.sub],
    ['someone else is mentioned', 'granted', true, 'sub-carol'],
  ] as const)('does not notify when %s', async (_, permission, hidden, mentioned) => {
    const notifier = fakeNotifier(permission);
    notifier.hiddenPage = hidden;
    const alerts = await setUp(notifier);

    alerts.messageArrived(mentioning(mentioned));

    expect(notifier.shown).toEqual([]);
  });
});

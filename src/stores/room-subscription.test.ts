import { describe, expect, it, vi } from 'vitest';
import type { SubscriptionHandlers } from '../services/events.ts';
import { createSubscription } from './room-subscription.ts';

/** A room subscribing on `a`, then `b`, …; `refuse` makes the next subscribe reject. */
function subscriptionWith() {
  let opening = 0;
  const calls: string[] = [];
  const handlers: SubscriptionHandlers[] = [];
  const channels = ['a', 'b', 'c'];
  let refuse = false;
  const deps = {
    events: {
      subscribe: vi.fn(async (channel: string, handler: SubscriptionHandlers) => {
        if (refuse) throw new Error('refused');
        calls.push(`subscribe ${channel}`);
        handlers.push(handler);
        return { unsubscribe: () => void calls.push(`unsubscribe ${channel}`) };
      }),
    },
    channel: async () => channels.shift() as string,
    next: vi.fn(),
    opening: () => opening,
    fail: vi.fn(),
  };
  return {
    deps,
    calls,
    handlers,
    subscription: createSubscription(deps),
    reopen: () => (opening += 1),
    refuseNext: () => (refuse = true),
  };
}

describe("a room's subscription", () => {
  it('holds what it took and swaps it for the one on a moved channel', async () => {
    const { calls, subscription } = subscriptionWith();

    expect(await subscription.attach(0)).toBe(true);
    expect(await subscription.attach(0)).toBe(true);

    expect(subscription.held()).toBe(true);
    expect(calls).toEqual(['subscribe a', 'subscribe b', 'unsubscribe a']);
  });

  it('lets go of a subscription that comes after the room closed', async () => {
    const { calls, subscription, reopen } = subscriptionWith();
    const attaching = subscription.attach(0);
    reopen();

    expect(await attaching).toBe(false);
    expect(subscription.held()).toBe(false);
    expect(calls).toEqual(['subscribe a', 'unsubscribe a']);
  });

  it('fails the room on a refusal, unless the room closed meanwhile', async () => {
    const { deps, subscription, reopen, refuseNext } = subscriptionWith();
    refuseNext();

    expect(await subscription.attach(0)).toBe(false);
    reopen();
    expect(await subscription.attach(0)).toBe(false);

    expect(deps.fail).toHaveBeenCalledOnce();
    expect(subscription.held()).toBe(false);
  });

  it('passes frames on, and drops the subscription and fails the room when it breaks', async () => {
    const { deps, calls, handlers, subscription } = subscriptionWith();
    await subscription.attach(0);

    handlers[0]?.next({ type: 'message.created' });
    handlers[0]?.error('Connection closed');

    expect(deps.next).toHaveBeenCalledWith({ type: 'message.created' });
    expect(deps.fail).toHaveBeenCalledWith(new Error('Connection closed'));
    expect(subscription.held()).toBe(false);
    expect(calls).toEqual(['subscribe a', 'unsubscribe a']);
  });

  it('unsubscribes when dropped', async () => {
    const { calls, subscription } = subscriptionWith();
    await subscription.attach(0);

    subscription.drop();
    subscription.drop();

    expect(subscription.held()).toBe(false);
    expect(calls).toEqual(['subscribe a', 'unsubscribe a']);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { channelMatches, parseSubscribeChannel, type ChannelPattern } from './channel.ts';
import { createSubscriptionRegistry } from './subscription-registry.ts';

function pattern(raw: string): ChannelPattern {
  const parsed = parseSubscribeChannel(raw);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.channel;
}

function subscribed(registry: ReturnType<typeof createSubscriptionRegistry<string>>, subscriber: string, id: string, raw: string) {
  registry.reserve(subscriber, id, pattern(raw));
  registry.activate(subscriber, id);
}

describe('createSubscriptionRegistry', () => {
  it('delivers nothing to a reservation until it is activated', () => {
    const registry = createSubscriptionRegistry<string>();

    registry.reserve('a', 's1', pattern('/chat/x'));

    expect(registry.matching('/chat/x')).toEqual([]);
    expect(registry.activate('a', 's1')).toBe(true);
    expect(registry.matching('/chat/x').map((s) => s.id)).toEqual(['s1']);
  });

  it('refuses a second subscription with the same id, pending or active', () => {
    const registry = createSubscriptionRegistry<string>();
    registry.reserve('a', 's1', pattern('/chat/x'));

    expect(registry.reserve('a', 's1', pattern('/chat/y'))).toEqual({ ok: false, errorType: 'DuplicatedOperationError' });
    expect(registry.reserve('b', 's1', pattern('/chat/y'))).toEqual({ ok: true });
  });

  it('refuses a subscription beyond the per-subscriber limit and frees a slot on unsubscribe', () => {
    const registry = createSubscriptionRegistry<string>(2);
    subscribed(registry, 'a', 's1', '/chat/x');
    subscribed(registry, 'a', 's2', '/chat/y');

    expect(registry.reserve('a', 's3', pattern('/chat/z'))).toEqual({ ok: false, errorType: 'MaxSubscriptionsReachedError' });
    expect(registry.unsubscribe('a', 's1')).toBe(true);
    expect(registry.reserve('a', 's3', pattern('/chat/z'))).toEqual({ ok: true });
  });

  it('does not activate a reservation cancelled or removed with its subscriber', () => {
    const registry = createSubscriptionRegistry<string>();
    registry.reserve('a', 's1', pattern('/chat/x'));
    registry.reserve('b', 's2', pattern('/chat/x'));

    registry.cancel('a', 's1');
    registry.removeSubscriber('b');

    expect(registry.activate('a', 's1')).toBe(false);
    expect(registry.activate('b', 's2')).toBe(false);
    expect(registry.matching('/chat/x')).toEqual([]);
  });

  it('unsubscribes only active subscriptions', () => {
    const registry = createSubscriptionRegistry<string>();
    registry.reserve('a', 's1', pattern('/chat/x'));

    expect(registry.unsubscribe('a', 's1')).toBe(false);
    expect(registry.unsubscribe('a', 'unknown')).toBe(false);
  });

  it('gives each overlapping subscription its own match', () => {
    const registry = createSubscriptionRegistry<string>();
    subscribed(registry, 'a', 'exact', '/chat/r/1');
    subscribed(registry, 'a', 'room', '/chat/r/*');
    subscribed(registry, 'a', 'all', '/chat/*');

    expect(registry.matching('/chat/r/1').map((s) => s.id).sort()).toEqual(['all', 'exact', 'room']);
    expect(registry.matching('/chat/r').map((s) => s.id)).toEqual(['all']);
  });

  it('matches exactly the subscriptions channelMatches accepts', () => {
    const segment = fc.constantFrom('a', 'b', 'c');
    const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => `/ns/${s.join('/')}`);
    const sub = fc.tuple(fc.array(segment, { minLength: 0, maxLength: 3 }), fc.boolean()).map(([s, wild]) =>
      wild ? `/ns/${[...s, '*'].join('/')}` : `/ns/${['a', ...s].join('/')}`,
    );

    fc.assert(
      fc.property(fc.array(sub, { maxLength: 12 }), path, (subs, published) => {
        const registry = createSubscriptionRegistry<string>();
        subs.forEach((raw, i) => subscribed(registry, 'conn', `s${i}`, raw));

        const expected = subs.flatMap((raw, i) => (channelMatches(pattern(raw), published) ? [`s${i}`] : []));
        expect(registry.matching(published).map((s) => s.id).sort()).toEqual(expected.sort());
      }),
    );
  });
});

/**
 * Every live subscription of one Events service, indexed so a publish finds its subscribers by
 * exact path and by wildcard prefix (one lookup per path segment) instead of scanning them all.
 * In-memory state only, no I/O: the connections that own subscriptions do the sending.
 */
import { wildcardPrefixesOf, type ChannelPattern } from './channel.ts';
import { EVENT_LIMITS } from './limits.ts';

export interface Subscription<S> {
  subscriber: S;
  id: string;
  pattern: ChannelPattern;
}

export type ReserveResult = { ok: true } | { ok: false; errorType: 'DuplicatedOperationError' | 'MaxSubscriptionsReachedError' };

export interface SubscriptionRegistry<S> {
  /**
   * Claims `id` on `subscriber` while the subscribe is authorized; a pending subscription
   * counts towards the limit and blocks its id, but receives nothing until `activate`.
   */
  reserve(subscriber: S, id: string, pattern: ChannelPattern): ReserveResult;
  /** Starts delivery; false if the reservation is gone (cancelled, or the subscriber left). */
  activate(subscriber: S, id: string): boolean;
  /** Drops a pending reservation (the subscribe failed). */
  cancel(subscriber: S, id: string): void;
  /** Removes an active subscription; false if `id` is not one. */
  unsubscribe(subscriber: S, id: string): boolean;
  /** Forgets everything `subscriber` held (its connection closed). */
  removeSubscriber(subscriber: S): void;
  /** The active subscriptions an event published on concrete `path` reaches. */
  matching(path: string): Subscription<S>[];
}

interface Entry<S> extends Subscription<S> {
  active: boolean;
}

export function createSubscriptionRegistry<S>(
  maxPerSubscriber: number = EVENT_LIMITS.maxSubscriptionsPerConnection,
): SubscriptionRegistry<S> {
  const bySubscriber = new Map<S, Map<string, Entry<S>>>();
  const exact = new Map<string, Set<Entry<S>>>();
  const wildcard = new Map<string, Set<Entry<S>>>();

  const indexOf = (pattern: ChannelPattern) => (pattern.wildcard ? wildcard : exact);

  function remove(entry: Entry<S>): void {
    bySubscriber.get(entry.subscriber)?.delete(entry.id);
    if (!entry.active) return;
    const index = indexOf(entry.pattern);
    const set = index.get(entry.pattern.prefix);
    set?.delete(entry);
    if (set?.size === 0) index.delete(entry.pattern.prefix);
  }

  return {
    reserve(subscriber, id, pattern) {
      const own = bySubscriber.get(subscriber) ?? new Map<string, Entry<S>>();
      if (own.has(id)) return { ok: false, errorType: 'DuplicatedOperationError' };
      if (own.size >= maxPerSubscriber) return { ok: false, errorType: 'MaxSubscriptionsReachedError' };
      own.set(id, { subscriber, id, pattern, active: false });
      bySubscriber.set(subscriber, own);
      return { ok: true };
    },
    activate(subscriber, id) {
      const entry = bySubscriber.get(subscriber)?.get(id);
      if (!entry || entry.active) return false;
      entry.active = true;
      const index = indexOf(entry.pattern);
      const set = index.get(entry.pattern.prefix) ?? new Set<Entry<S>>();
      set.add(entry);
      index.set(entry.pattern.prefix, set);
      return true;
    },
    cancel(subscriber, id) {
      const entry = bySubscriber.get(subscriber)?.get(id);
      if (entry && !entry.active) remove(entry);
    },
    unsubscribe(subscriber, id) {
      const entry = bySubscriber.get(subscriber)?.get(id);
      if (!entry?.active) return false;
      remove(entry);
      return true;
    },
    removeSubscriber(subscriber) {
      for (const entry of [...(bySubscriber.get(subscriber)?.values() ?? [])]) remove(entry);
      bySubscriber.delete(subscriber);
    },
    matching(path) {
      const sets = [exact.get(path), ...wildcardPrefixesOf(path).map((prefix) => wildcard.get(prefix))];
      return sets.flatMap((set) => (set ? [...set].map(({ subscriber, id, pattern }) => ({ subscriber, id, pattern })) : []));
    },
  };
}

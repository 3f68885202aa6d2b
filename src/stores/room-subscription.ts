import type { EventsService, LiveSubscription } from '../services/events.ts';

export interface SubscriptionDeps {
  events: Pick<EventsService, 'subscribe'>;
  /** The channel to subscribe on now: a private room's or DM's moves with its epoch. A failed read rejects. */
  channel(): Promise<string>;
  /** Where the subscription's data frames go. */
  next(data: unknown): void;
  /** The room's opening: a subscription that comes for an earlier one is let go. */
  opening(): number;
  /** The subscription was refused or broke: the room shows why. */
  fail(cause: unknown): void;
}

/** A room's one live subscription: taken for the room's current opening, swapped when its channel moves. */
export function createSubscription(deps: SubscriptionDeps) {
  let live: LiveSubscription | null = null;

  function subscribe(channel: string): Promise<LiveSubscription> {
    return deps.events.subscribe(channel, {
      next: deps.next,
      error: (message) => {
        drop();
        deps.fail(new Error(message));
      },
    });
  }

  /**
   * Subscribes on the channel the room has now and, if the room is still on the opening `since`,
   * holds that subscription in place of the one held before (a move to a new epoch). A refusal
   * fails the room. Resolves whether the room holds it.
   */
  async function attach(since: number): Promise<boolean> {
    try {
      const subscribed = await subscribe(await deps.channel());
      if (since !== deps.opening()) {
        subscribed.unsubscribe();
        return false;
      }
      live?.unsubscribe();
      live = subscribed;
      return true;
    } catch (cause) {
      if (since === deps.opening()) deps.fail(cause);
      return false;
    }
  }

  /** Whether the room holds a subscription. */
  const held = (): boolean => live !== null;

  function drop(): void {
    live?.unsubscribe();
    live = null;
  }

  return { attach, held, drop };
}

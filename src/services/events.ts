import { Hub } from 'aws-amplify/utils';
import { describeError } from './errors.ts';
import type { events as EventsClient } from './events-client.ts';

/** An acknowledged subscription; `unsubscribe` also closes its channel. */
export interface LiveSubscription {
  unsubscribe(): void;
}

export interface SubscriptionHandlers {
  next(event: unknown): void;
  error(message: string): void;
}

export type PostResult = { ok: true } | { ok: false; error: string };

/**
 * The Event API, non-reactive. Port for the stores; `createEventsService` is the aws-amplify
 * adapter, tests pass a fake.
 */
export interface EventsService {
  /** Subscribes and resolves once the server acknowledged (`sub.ready`): from then on nothing is missed. */
  subscribe(channel: string, handlers: SubscriptionHandlers): Promise<LiveSubscription>;
  /** HTTP publish of one event: retries 5xx, and reports a per-event failure as `ok: false`. */
  post(channel: string, event: Record<string, unknown>): Promise<PostResult>;
  /** Hub `ConnectionStateChange` values (`Connecting`, `Connected`, `ConnectionDisrupted`, …). */
  onConnectionState(listener: (state: string) => void): () => void;
  /** Sign-out only: it disables reconnection for the rest of the page's life. */
  closeAll(): Promise<void>;
}

/**
 * aws-amplify's Event API client (its WebSocket provider, rxjs and GraphQL's error class: about a
 * ninth of the app's start-up code), loaded on first use rather than with the app, so a cold load
 * paints the room's first page without loading or parsing it. The first subscribe (the member's
 * mention channel at sign-in, or the room's beside its first page) starts the load.
 */
let client: Promise<typeof EventsClient> | undefined;
// Hub's event name for connection states, known once the client is loaded: no state change is
// emitted before that, since the client is what emits them.
let stateChange: string | undefined;

function eventsClient() {
  client ??= import('./events-client.ts').then((module) => {
    stateChange = module.CONNECTION_STATE_CHANGE;
    return module.events;
  });
  // A failed load (the network dropped) is not kept: the next subscribe or post tries again.
  client.catch(() => {
    client = undefined;
  });
  return client;
}

export function createEventsService(): EventsService {
  return {
    async subscribe(channelName, handlers) {
      const events = await eventsClient();
      const channel = await events.connect(channelName);
      const subscription = channel.subscribe({
        next: (data: { event?: unknown }) => handlers.next(data.event),
        error: (error: unknown) => handlers.error(describeError(error)),
      });
      const close = () => {
        subscription.unsubscribe();
        channel.close();
      };
      try {
        await subscription.ready;
      } catch (error) {
        close();
        throw error;
      }
      return { unsubscribe: close };
    },

    async post(channel, event) {
      try {
        const events = await eventsClient();
        const failed = await events.post(channel, event as never);
        if (Array.isArray(failed) && failed.length > 0) {
          const first = failed[0] as { message?: unknown };
          return { ok: false, error: typeof first.message === 'string' ? first.message : 'Not accepted' };
        }
        return { ok: true };
      } catch (error) {
        return { ok: false, error: describeError(error) };
      }
    },

    onConnectionState(listener) {
      return Hub.listen('api', ({ payload }) => {
        const state = (payload.data as { connectionState?: unknown } | undefined)?.connectionState;
        if (payload.event === stateChange && typeof state === 'string') listener(state);
      });
    },

    // Nothing to close when the client never loaded.
    closeAll: async () => {
      if (client) await (await client).closeAll();
    },
  };
}

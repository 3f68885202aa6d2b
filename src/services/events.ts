import { CONNECTION_STATE_CHANGE, events } from 'aws-amplify/data';
import { Hub } from 'aws-amplify/utils';
import { describeError } from './errors.ts';

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

export function createEventsService(): EventsService {
  return {
    async subscribe(channelName, handlers) {
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
        if (payload.event === CONNECTION_STATE_CHANGE && typeof state === 'string') listener(state);
      });
    },

    closeAll: () => events.closeAll(),
  };
}

import { defineStore } from 'pinia';
import { ref } from 'vue';
import { useServices } from '../services/services.ts';

/** What the banner shows; `connected` and `idle` show nothing. */
export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'offline';

/**
 * The realtime connection as the user should see it, from Hub `ConnectionStateChange`.
 * `reconnects` counts recoveries (a disruption followed by `Connected`): rooms watch it to fill
 * the gap, since nothing replays what was published while the socket was down.
 */
export const useConnectionStore = defineStore('connection', () => {
  const { events } = useServices();
  const status = ref<ConnectionStatus>('idle');
  const reconnects = ref(0);
  let stop: (() => void) | null = null;

  function onState(state: string): void {
    const disrupted = status.value === 'reconnecting' || status.value === 'offline';
    switch (state) {
      case 'Connected':
        if (disrupted) reconnects.value += 1;
        status.value = 'connected';
        break;
      case 'Connecting':
        // Every new subscribe on an open socket passes through Connecting: only show it at first.
        if (status.value === 'idle') status.value = 'connecting';
        break;
      case 'ConnectionDisrupted':
      case 'ConnectedPendingKeepAlive':
        status.value = 'reconnecting';
        break;
      case 'ConnectionDisruptedPendingNetwork':
      case 'ConnectedPendingNetwork':
        status.value = 'offline';
        break;
      case 'Disconnected':
        status.value = 'idle';
        break;
    }
  }

  function start(): void {
    stop ??= events.onConnectionState(onState);
  }

  return { status, reconnects, start, onState };
});

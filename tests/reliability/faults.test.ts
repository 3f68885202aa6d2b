/**
 * The fault run, small (full size: `npm run soak`): the load run while connections are
 * dropped, the persist Lambda fails at random and the cloud is SIGKILLed and restarted once on
 * the same ports and data.
 */
import { describe, expect, it } from 'vitest';
import { useCloudProcess } from './cloud-fixture.ts';
import { runSoakPhase } from './soak-run.ts';

describe('faults during load: drops, persist failures, a crash and restart', () => {
  const fixture = useCloudProcess('faults', { clients: 12 });

  it('loses no acknowledged message, stores each once, broadcasts nothing unstored, and every client converges', { timeout: 90_000 }, async () => {
    const figures = await runSoakPhase(fixture.cloud, fixture.clients, {
      name: 'faults',
      rooms: 3,
      messagesPerClient: 10,
      faults: { dropFraction: 2 / 12, failRate: 0.2, restartAtFraction: 0.4 },
      seed: 7,
      sendDeadlineMs: 60_000,
      convergeTimeoutMs: 60_000,
    });

    expect(figures).toMatchObject({
      sent: 120,
      acknowledged: 120,
      gaveUp: 0,
      stored: 120,
      storedDistinct: 120,
      acknowledgedLost: 0,
      storedTwice: 0,
      storedUnacknowledged: 0,
      dropsRequested: 2,
      missing: 0,
      doubled: 0,
      unstoredDeliveries: 0,
      converged: 12,
      unconfirmedSends: 0,
    });
    expect(figures.notStoredFailures).toBeGreaterThan(0);
    expect(figures.retriedThenStored).toBeGreaterThanOrEqual(figures.notStoredFailures > 0 ? 1 : 0);
    expect(figures.restartDownMs).not.toBeNull();
    expect(figures.reconnects).toBeGreaterThanOrEqual(12);
  });
});

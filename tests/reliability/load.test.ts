/**
 * The load run, small (full size: `npm run soak`): real aws-amplify clients, each in
 * its own realm, subscribe to their room and send a mix of `events.post` and `channel.publish`.
 */
import { describe, expect, it } from 'vitest';
import { useCloudProcess } from './cloud-fixture.ts';
import { runSoakPhase } from './soak-run.ts';

describe('load: real clients across rooms', () => {
  const fixture = useCloudProcess('load', { clients: 12 });

  it('stores every message exactly once and delivers each to every subscriber of its room once', async () => {
    const figures = await runSoakPhase(fixture.cloud, fixture.clients, { name: 'load', rooms: 3, messagesPerClient: 6, seed: 1, sendDeadlineMs: 20_000, convergeTimeoutMs: 20_000 });

    expect(figures).toMatchObject({
      sent: 72,
      sentViaPost: 36,
      sentViaPublish: 36,
      acknowledged: 72,
      stored: 72,
      storedDistinct: 72,
      acknowledgedLost: 0,
      storedTwice: 0,
      storedUnacknowledged: 0,
      subscribers: 12,
      missing: 0,
      doubled: 0,
      unstoredDeliveries: 0,
      converged: 12,
      unconfirmedSends: 0,
    });
    // A persist call over its 3 s timeout (a busy machine) is reported failed and retried; the
    // retry re-broadcasts the stored original, which is the only way a delivery may repeat.
    expect(figures.duplicateDeliveries).toBeLessThanOrEqual(figures.reportedFailures);
    expect(figures.latencySamples).toBeGreaterThan(0);
    expect(figures.latencyP99Ms).toBeGreaterThan(0);
    expect(figures.cloudPeakRssMiB).toBeGreaterThan(0);
  });
});

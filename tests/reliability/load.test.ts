/**
 * The load run, small (issue 7; full size: `npm run soak`): real aws-amplify clients, each in
 * its own realm, subscribe to their room and send a mix of `events.post` and `channel.publish`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CloudProcess, startCloudProcess } from '../support/cloud-process.ts';
import type { SoakClient } from './soak-client.ts';
import { runSoakPhase, startSoakClients } from './soak-run.ts';

describe('load: real clients across rooms', () => {
  let dir: string;
  let cloud: CloudProcess;
  let clients: SoakClient[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-load-'));
    cloud = await startCloudProcess({ dir, flags: ['--rate-limit', 'off', '--load-users', '12'] });
    clients = await startSoakClients(cloud, 12);
  });

  afterAll(async () => {
    await Promise.all((clients ?? []).map((c) => c.amplify.close()));
    await cloud?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores every message exactly once and delivers each to every subscriber of its room once', async () => {
    const figures = await runSoakPhase(cloud, clients, { name: 'load', rooms: 3, messagesPerClient: 6, seed: 1, sendDeadlineMs: 20_000, convergeTimeoutMs: 20_000 });

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

/**
 * The fault run, small (issue 7; full size: `npm run soak`): the load run while connections are
 * dropped, the persist Lambda fails at random and the cloud is SIGKILLed and restarted once on
 * the same ports and data.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CloudProcess, startCloudProcess } from '../support/cloud-process.ts';
import type { SoakClient } from './soak-client.ts';
import { runSoakPhase, startSoakClients } from './soak-run.ts';

describe('faults during load: drops, persist failures, a crash and restart', () => {
  let dir: string;
  let cloud: CloudProcess;
  let clients: SoakClient[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-faults-'));
    cloud = await startCloudProcess({ dir, flags: ['--rate-limit', 'off', '--load-users', '12'] });
    clients = await startSoakClients(cloud, 12);
  });

  afterAll(async () => {
    await Promise.all((clients ?? []).map((c) => c.amplify.close()));
    await cloud?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('loses no acknowledged message, stores each once, broadcasts nothing unstored, and every client converges', { timeout: 90_000 }, async () => {
    const figures = await runSoakPhase(cloud, clients, {
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

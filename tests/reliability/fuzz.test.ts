/**
 * The protocol fuzz run, small (issue 7; full size: `npm run fuzz`): every frame and HTTP body
 * gets the reply `fuzz-oracle.ts` derives from the protocol reference, a bystander keeps
 * receiving, and the cloud stays up.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CloudProcess, startCloudProcess } from '../support/cloud-process.ts';
import { runFuzz } from './fuzz-run.ts';

describe('protocol fuzz', () => {
  let dir: string;
  let cloud: CloudProcess;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-fuzz-'));
    cloud = await startCloudProcess({ dir, flags: ['--rate-limit', 'off'] });
  });

  afterAll(async () => {
    await cloud?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers every frame and body with the documented reply, and leaves other connections and the server unharmed', { timeout: 60_000 }, async () => {
    const figures = await runFuzz(cloud, { wsFrames: 600, httpBodies: 200, seed: 20261130, heartbeatEvery: 100 });

    expect(figures.examples).toEqual([]);
    expect(figures.mismatches).toBe(0);
    expect(figures.wsFrames + figures.httpBodies).toBeGreaterThanOrEqual(800);
    expect(figures.heartbeatsReceived).toBe(figures.heartbeats);
    expect(figures.upAfterRun).toBe(true);
    expect(figures.cloudPeakRssMiB).toBeLessThan(1024);
  });
});

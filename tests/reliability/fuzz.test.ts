/**
 * The protocol fuzz run, small (full size: `npm run fuzz`): every frame and HTTP body gets the
 * reply `fuzz-oracle.ts` derives from AppSync Events' documented protocol, a bystander keeps
 * receiving, and the cloud stays up.
 */
import { describe, expect, it } from 'vitest';
import { useCloudProcess } from './cloud-fixture.ts';
import { runFuzz } from './fuzz-run.ts';

describe('protocol fuzz', () => {
  const fixture = useCloudProcess('fuzz');

  it('answers every frame and body with the documented reply, and leaves other connections and the server unharmed', { timeout: 60_000 }, async () => {
    const figures = await runFuzz(fixture.cloud, { wsFrames: 600, httpBodies: 200, seed: 20261130, heartbeatEvery: 100 });

    expect(figures.examples).toEqual([]);
    expect(figures.mismatches).toBe(0);
    expect(figures.wsFrames + figures.httpBodies).toBeGreaterThanOrEqual(800);
    expect(figures.heartbeatsReceived).toBe(figures.heartbeats);
    expect(figures.upAfterRun).toBe(true);
    expect(figures.cloudPeakRssMiB).toBeLessThan(1024);
  });
});

/**
 * Identity and access (issue 7): forged authors, tampered/expired/foreign tokens on every
 * surface, members on other channels and on every moderation route. 0 successes, each with the
 * documented error. Also run by `npm run fuzz`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CloudProcess, startCloudProcess } from '../support/cloud-process.ts';
import { runAccess } from './access-run.ts';

describe('identity and access', () => {
  let dir: string;
  let cloud: CloudProcess;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-access-'));
    cloud = await startCloudProcess({ dir, flags: ['--rate-limit', 'off'] });
  });

  afterAll(async () => {
    await cloud?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses every forged identity and foreign channel or route with the documented error, and lets no forgery through', async () => {
    const cases = await runAccess(cloud);

    expect(cases.filter((c) => !c.pass)).toEqual([]);
    expect(cases.length).toBeGreaterThan(150);
  });
});

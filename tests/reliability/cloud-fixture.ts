/**
 * For the reliability tests: a local cloud in a process of its own, on a temporary data
 * directory, started before a describe block's tests and stopped (directory removed) after them;
 * with `clients`, that many soak clients signed in as load users.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type CloudProcess, startCloudProcess } from '../support/cloud-process.ts';
import type { SoakClient } from './soak-client.ts';
import { startSoakClients } from './soak-run.ts';

export interface CloudFixture {
  readonly cloud: CloudProcess;
  readonly clients: SoakClient[];
}

export function useCloudProcess(name: string, options: { clients?: number } = {}): CloudFixture {
  let dir: string | undefined;
  let cloud: CloudProcess | undefined;
  let clients: SoakClient[] = [];
  const count = options.clients ?? 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), `parley-${name}-`));
    const users = count > 0 ? ['--load-users', String(count)] : [];
    cloud = await startCloudProcess({ dir, flags: ['--rate-limit', 'off', ...users] });
    if (count > 0) clients = await startSoakClients(cloud, count);
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.amplify.close()));
    await cloud?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  return {
    get cloud() {
      if (!cloud) throw new Error('The cloud starts in beforeAll: use it inside a test');
      return cloud;
    },
    get clients() {
      return clients;
    },
  };
}

/**
 * Starts what the browser tests run against: a local cloud (free ports, in memory) and the Vite
 * dev server serving the app configured from that cloud's outputs file, exactly like
 * `npm run dev`. Tests read the URLs from the environment (see `fixtures.ts`). The dev server
 * starts first (it reads the outputs file per request), so the cloud knows the app's origin.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'vite';
import { demoUsers, loadUsers } from '../local/demo-users.ts';
import { startLocalCloud } from '../local/local-cloud.ts';

/** Plain members beside the demo users, for specs that change an account (see `loadUser` in fixtures.ts). */
export const E2E_LOAD_USERS = 10;

export default async function globalSetup(): Promise<() => Promise<void>> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dir = await mkdtemp(join(tmpdir(), 'parley-e2e-'));
  const outputsFile = join(dir, 'amplify_outputs.json');
  process.env.PARLEY_OUTPUTS = outputsFile;
  // No file watcher: an edit in the working tree during a run must not reload the page under test.
  const vite = await createServer({ configFile: 'vite.config.ts', server: { port: 0, strictPort: false, watch: null } });
  await vite.listen();
  const address = vite.httpServer?.address() as AddressInfo;
  const appOrigins = [`http://127.0.0.1:${address.port}`, `http://localhost:${address.port}`];
  // No limits: the specs share this cloud, and together they create more than 10 rooms as bob.
  const users = [...demoUsers, ...loadUsers(E2E_LOAD_USERS)];
  const cloud = await startLocalCloud({ port: 0, outputsFile, rateLimit: 'off', roomLimit: 'off', appOrigins, users }).catch(async (error: unknown) => {
    await vite.close();
    throw error;
  });
  process.env.PARLEY_E2E_URL = appOrigins[0];
  process.env.PARLEY_E2E_EVENTS_URL = cloud.outputs.custom.events.url;
  process.env.PARLEY_E2E_DYNAMO_URL = cloud.dynamoEndpoint;
  return async () => {
    await vite.close();
    await cloud.close();
    await rm(dir, { recursive: true, force: true });
  };
}

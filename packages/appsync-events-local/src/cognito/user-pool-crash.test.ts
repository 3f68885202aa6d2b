import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAndKill } from '../test-support/kill-writer.ts';
import { createCognitoAdminClient } from './cognito-admin-client.ts';
import { type LocalCognito, startLocalCognito } from './local-cognito.ts';
import { SEED_USER } from './test-support/pool-writer.ts';
import { deployedClient } from './test-support/deployed-client.ts';

const WRITER = join(import.meta.dirname, 'test-support', 'pool-writer.ts');

interface PoolFile {
  Users: Record<string, { Attributes: { Name: string; Value: string }[] }>;
}

describe('the local user pool on disk after a SIGKILL', () => {
  const dirs: string[] = [];
  const running: LocalCognito[] = [];

  afterEach(async () => {
    for (const cognito of running.splice(0)) await cognito.close();
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('loads again with every acknowledged user, killed at any moment', { timeout: 60_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'appsync-events-local-cognito-crash-'));
    dirs.push(dataDir);
    const acknowledged: string[] = [];

    for (const [round, killAfterAcks] of [0, 10, 60].entries()) {
      const lines = await runAndKill(WRITER, [dataDir, `r${round}`], killAfterAcks);
      acknowledged.push(...lines.map(({ payload }) => payload as string));

      const files = await readPoolFiles(join(dataDir, 'db'));
      expect(files.map(({ name }) => name).sort()).toEqual(['clients.json', expect.stringMatching(/^local_\w+\.json$/)]);
      const pool = files.find(({ name }) => name !== 'clients.json')!.content as PoolFile;
      expect(emails(pool)).toEqual(expect.arrayContaining([SEED_USER.email, ...acknowledged]));
    }

    const cognito = await startLocalCognito({ client: deployedClient, dataDir, users: [SEED_USER], groups: ['moderators'] });
    running.push(cognito);
    const served = await createCognitoAdminClient(cognito.endpoint, cognito.adminToken).call('AdminGetUser', { UserPoolId: cognito.userPoolId, Username: acknowledged.at(-1) });
    expect(served).toMatchObject({ Enabled: true });
    // Temporary files of the killed saves are gone once the pool is loaded again.
    expect((await readdir(join(dataDir, 'db'))).filter((name) => !name.endsWith('.json'))).toEqual([]);
  });
});

/** The `*.json` files cognito-local loads from its directory, each of which must be whole JSON. */
async function readPoolFiles(dir: string): Promise<{ name: string; content: unknown }[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.json'));
  return Promise.all(names.map(async (name) => ({ name, content: JSON.parse(await readFile(join(dir, name), 'utf8')) as unknown })));
}

function emails(pool: PoolFile): string[] {
  return Object.values(pool.Users).flatMap((user) => user.Attributes.filter((a) => a.Name === 'email').map((a) => a.Value));
}

import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAndKill } from '../test-support/kill-writer.ts';
import { createAtomicDataStoreFactory } from './atomic-data-store-factory.ts';
import { fakeUser, quietContext, STORE_ID } from './test-support/data-store-writer.ts';

const WRITER = join(import.meta.dirname, 'test-support', 'data-store-writer.ts');

describe('createAtomicDataStoreFactory', () => {
  const dirs: string[] = [];

  async function tempDir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'parley-data-store-'));
    dirs.push(dir);
    return dir;
  }

  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('keeps every saved user when the saving process is killed mid-save', { timeout: 60_000 }, async () => {
    const dir = await tempDir();
    const acknowledged: string[] = [];

    for (const [round, killAfterAcks] of [0, 3, 10, 25, 60].entries()) {
      const lines = await runAndKill(WRITER, [dir, `r${round}`], killAfterAcks);
      acknowledged.push(...lines.map(({ payload }) => payload as string));

      const store = await createAtomicDataStoreFactory(dir).create(quietContext, STORE_ID, { Users: {} });
      const users = await store.get<Record<string, { UserCreateDate: unknown }>>(quietContext, 'Users', {});
      expect(Object.keys(users)).toEqual(expect.arrayContaining(acknowledged));
      expect(users[acknowledged.at(-1) ?? 'filler-0']?.UserCreateDate).toBeInstanceOf(Date);
    }
    expect(await readdir(dir)).toEqual([`${STORE_ID}.json`]);
  });

  it('saves the newest state last when saves overlap', async () => {
    const dir = await tempDir();
    const store = await createAtomicDataStoreFactory(dir).create(quietContext, 'pool', { Users: {} });

    await Promise.all(Array.from({ length: 20 }, (_, n) => store.set(quietContext, ['Users', `u${n}`], fakeUser(`u${n}`))));
    await store.delete(quietContext, ['Users', 'u3']);

    const reloaded = await createAtomicDataStoreFactory(dir).create(quietContext, 'pool', { Users: {} });
    const users = await reloaded.get<Record<string, unknown>>(quietContext, 'Users', {});
    expect(Object.keys(users).sort()).toEqual(Array.from({ length: 20 }, (_, n) => `u${n}`).filter((u) => u !== 'u3').sort());
  });
});

/**
 * The writer of `atomic-data-store-factory.test.ts`: `data-store-writer.ts <dir> <tag>` opens a
 * pool-sized data store through `createAtomicDataStoreFactory` (a few thousand users, as with
 * `--load-users`), prints READY, then saves a new user at a time from several callers until it
 * is killed, printing an ACK line (`kill-writer.ts`) once each save has resolved. Saves are
 * large and back to back, so a kill lands mid-save.
 */
import type { Context } from 'cognito-local/lib/services/context.js';
import { createAtomicDataStoreFactory } from '../atomic-data-store-factory.ts';

export const STORE_ID = 'local_crash';
const FILLER_USERS = 3000;
const CONCURRENCY = 8;
const quiet = () => undefined;
export const quietContext = { logger: { debug: quiet, info: quiet, warn: quiet, error: quiet } } as unknown as Context;

export function fakeUser(username: string) {
  return {
    Username: username,
    Attributes: [{ Name: 'email', Value: `${username}@test.local` }, { Name: 'sub', Value: username }],
    Enabled: true,
    UserStatus: 'CONFIRMED',
    UserCreateDate: new Date(),
    UserLastModifiedDate: new Date(),
  };
}

async function main(dir: string, tag: string): Promise<void> {
  const store = await createAtomicDataStoreFactory(dir).create(quietContext, STORE_ID, { Users: {} });
  if (Object.keys(await store.get(quietContext, 'Users', {})).length === 0) {
    const filler = Object.fromEntries(Array.from({ length: FILLER_USERS }, (_, n) => [`filler-${n}`, fakeUser(`filler-${n}`)]));
    await store.set(quietContext, 'Users', filler);
  }
  process.stdout.write('READY\n');
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (;;) {
        const username = `${tag}-${(next += 1)}`;
        await store.set(quietContext, ['Users', username], fakeUser(username));
        process.stdout.write(`ACK ${JSON.stringify(username)}\n`);
      }
    }),
  );
}

if (process.argv[1] === import.meta.filename) {
  main(process.argv[2]!, process.argv[3]!).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}

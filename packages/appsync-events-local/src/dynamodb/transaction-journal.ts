/**
 * What makes an emulated transaction atomic across a crash: before its first write, the items it
 * touches are written as they were (their before-images) to a journal file, fsynced; after its
 * last write the file goes. A start that finds the file puts those items back, so a SIGKILL in
 * the middle of a transaction leaves none of it, as DynamoDB would.
 */
import { existsSync } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Inside the LevelDB directory, beside the open marker; LevelDB ignores files it does not name. */
const JOURNAL = 'appsync-events-local-transaction';

/** One item a transaction writes: its table, its key, and what it was (absent: no item). */
export interface BeforeImage {
  table: string;
  key: Record<string, unknown>;
  item?: Record<string, unknown>;
}

export interface TransactionJournal {
  /** Records the before-images durably; resolves once they are on disk. */
  begin(images: BeforeImage[]): Promise<void>;
  /** The transaction is complete (or rolled back): nothing to undo any more. */
  end(): Promise<void>;
  /** The before-images of a transaction a crash interrupted, if any. */
  pending(): Promise<BeforeImage[] | undefined>;
}

export function createTransactionJournal(dataDir: string | undefined): TransactionJournal {
  if (dataDir === undefined) {
    // In memory: a crash loses everything anyway.
    return { begin: async () => undefined, end: async () => undefined, pending: async () => undefined };
  }
  const file = join(dataDir, JOURNAL);
  return {
    async begin(images) {
      const handle = await open(file, 'w');
      try {
        await handle.writeFile(JSON.stringify(images));
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
    end: () => rm(file, { force: true }),
    async pending() {
      if (!existsSync(file)) return undefined;
      try {
        return JSON.parse(await readFile(file, 'utf8')) as BeforeImage[];
      } catch {
        // Cut short while being written: no write of that transaction had started.
        return [];
      }
    },
  };
}

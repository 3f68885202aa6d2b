/**
 * cognito-local's StormDB data stores (`clients.json`, `<poolId>.json`), saved through
 * `createAtomicFileEngine` so a SIGKILL never leaves a file the next start cannot load.
 */
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Context } from 'cognito-local/lib/services/context.js';
import type { DataStore } from 'cognito-local/lib/services/dataStore/dataStore.js';
import type { DataStoreFactory } from 'cognito-local/lib/services/dataStore/factory.js';
import { StormDBDataStore } from 'cognito-local/lib/services/dataStore/stormDb.js';
import { createAtomicFileEngine, type JsonCodec, type StormEngine } from './atomic-file-engine.ts';

type StormDB = ConstructorParameters<typeof StormDBDataStore>[0];

/** StormDB as cognito-local resolves it: the store must wrap the same class it was written for. */
const StormDBClass = createRequire(createRequire(import.meta.url).resolve('cognito-local'))('stormdb') as new (
  engine: StormEngine,
) => StormDB;

/**
 * The (de)serialization of cognito-local's `StormDBDataStoreFactory`, which it does not export:
 * `…Date` fields are stored as ISO strings and revived as `Date`s.
 */
export const cognitoLocalJson: JsonCodec = {
  serialize: (state) =>
    JSON.stringify(
      state,
      function (this: Record<string, unknown>, key, value: unknown) {
        if (!key.endsWith('Date')) return value;
        const date = this[key];
        if (!(date instanceof Date)) throw new Error(`Serialize: Expected ${key} field to contain a Date, received a ${typeof date}`);
        return date.toISOString();
      },
      2,
    ),
  deserialize: (text) =>
    JSON.parse(text, (key, value: unknown) => {
      if (!key.endsWith('Date')) return value;
      if (typeof value === 'number') return new Date(value);
      if (typeof value === 'string') return new Date(Date.parse(value));
      throw new Error(`Deserialize: Expected ${key} to contain a String or Number, received a ${typeof value}`);
    }),
};

/** Drop-in for cognito-local's `StormDBDataStoreFactory(directory)`, with crash-safe saves. */
export function createAtomicDataStoreFactory(directory: string): DataStoreFactory {
  return {
    async create(_ctx: Context, id: string, defaults: object): Promise<DataStore> {
      await mkdir(directory, { recursive: true });
      const db = new StormDBClass(createAtomicFileEngine(join(directory, `${id}.json`), cognitoLocalJson));
      db.default(defaults);
      await db.save();
      return new StormDBDataStore(db);
    },
  };
}

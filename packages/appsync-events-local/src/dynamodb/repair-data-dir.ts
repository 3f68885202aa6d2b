/**
 * Repairs a dynalite data directory whose last process died mid-write, before dynalite opens
 * it (LevelDB allows one opener). dynalite is not crash-atomic:
 * - it writes an item's index entries and then the item as separate LevelDB writes
 *   (`actions/putItem.js`, `db.updateIndexes`), so a SIGKILL between them leaves entries for an
 *   item never written, stale entries, or an item without its new entries;
 * - a new table is stored CREATING and made ACTIVE by a timer (`actions/createTable.js`), so a
 *   SIGKILL in between leaves a table that refuses every read and write.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

type Item = Record<string, unknown>;

interface IndexDescription {
  IndexName: string;
  IndexStatus?: string;
}

interface TableDescription {
  TableName: string;
  TableStatus: string;
  GlobalSecondaryIndexes?: IndexDescription[];
  LocalSecondaryIndexes?: IndexDescription[];
}

export type LevelBatchOperation = { type: 'put'; key: string; value: unknown } | { type: 'del'; key: string };

/** The part of abstract-level's API used here (dynalite opens `level` with JSON values). */
export interface LevelDb {
  open(): Promise<void>;
  iterator(range: { gte: string; lt: string }): AsyncIterable<[string, unknown]>;
  batch(operations: LevelBatchOperation[]): Promise<void>;
  close(): Promise<void>;
}

/** dynalite's own index-key encoding (`db/index.js`), so rebuilt entries are what it would write. */
interface DynaliteDb {
  getIndexActions(indexes: IndexDescription[], existingItem: null, item: Item, table: TableDescription): { puts: { index: string; key: string; item: Item }[] };
}

export interface DataDirRepair {
  /** Tables a timer had still to make ACTIVE. */
  activatedTables: string[];
  /** One entry per index that needed a fix. */
  indexes: IndexRepair[];
}

export interface IndexRepair {
  table: string;
  index: string;
  /** Entries whose item is gone or no longer has that index key (orphans, stale keys). */
  removed: number;
  /** Entries whose attributes differed from their item's. */
  rewritten: number;
  /** Items that had no entry in the index. */
  added: number;
}

const requireFromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite'));
const dynaliteDb = requireFromDynalite('./db/index.js') as DynaliteDb;
const { Level } = requireFromDynalite('level') as { Level: new (path: string, options: { valueEncoding: 'json' }) => LevelDb };

const BATCH_SIZE = 1000;
const INDEX_TYPES = ['Global', 'Local'] as const;
/** What dynalite's create/update timers turn into ACTIVE. */
const TRANSIENT_STATUSES = ['CREATING', 'UPDATING'];

/**
 * Finishes interrupted table creations, and compares every index of every table with what its
 * items imply and fixes the difference. Reads each table's items once (twice if entries are
 * missing); memory holds a short digest per index entry.
 */
export async function repairDataDir(path: string): Promise<DataDirRepair> {
  const db = openDynaliteLevel(path);
  await db.open();
  try {
    const repair: DataDirRepair = { activatedTables: [], indexes: [] };
    for await (const [key, value] of db.iterator(prefixRange('table~'))) {
      const table = value as TableDescription;
      if (TRANSIENT_STATUSES.includes(table.TableStatus)) {
        await db.batch([{ type: 'put', key, value: activated(table) }]);
        repair.activatedTables.push(table.TableName);
      }
      repair.indexes.push(...(await repairIndexes(db, table)));
    }
    repair.indexes = repair.indexes.filter((r) => r.removed + r.rewritten + r.added > 0);
    return repair;
  } finally {
    await db.close();
  }
}

/** The LevelDB at `path` as dynalite opens it (`db/index.js`: `level`, JSON values). */
export function openDynaliteLevel(path: string): LevelDb {
  return new Level(path, { valueEncoding: 'json' });
}

async function repairIndexes(db: LevelDb, table: TableDescription): Promise<IndexRepair[]> {
  const indexes = INDEX_TYPES.flatMap((type) =>
    (table[`${type}SecondaryIndexes`] ?? []).map((index) => ({ prefix: indexPrefix(type, table.TableName, index.IndexName), name: index.IndexName })),
  );
  if (indexes.length === 0) return [];
  const itemRange = prefixRange(`item-${table.TableName}~`);
  const expected = new Map<string, string>();
  for await (const [, item] of db.iterator(itemRange)) {
    for (const put of indexPuts(table, item as Item)) expected.set(put.key, digest(put.value));
  }

  const writer = createBatchWriter(db);
  const repairs = indexes.map(({ prefix, name }) => ({ prefix, repair: { table: table.TableName, index: name, removed: 0, rewritten: 0, added: 0 } }));
  const differing = new Set<string>();
  for (const { prefix, repair } of repairs) {
    for await (const [key, entry] of db.iterator(prefixRange(prefix))) {
      const wanted = expected.get(key);
      if (wanted === undefined) {
        repair.removed += 1;
        await writer.add({ type: 'del', key });
      } else if (wanted === digest(entry)) {
        expected.delete(key);
      } else {
        repair.rewritten += 1;
        differing.add(key);
      }
    }
  }

  // Left in `expected`: entries that differ or are missing. Write them from their items.
  if (expected.size > 0) {
    for await (const [, item] of db.iterator(itemRange)) {
      for (const put of indexPuts(table, item as Item)) {
        if (!expected.has(put.key)) continue;
        await writer.add(put);
        const owner = repairs.find(({ prefix }) => put.key.startsWith(prefix));
        if (owner && !differing.has(put.key)) owner.repair.added += 1;
      }
    }
  }
  await writer.flush();
  return repairs.map(({ repair }) => repair);
}

/** What dynalite's timer would have stored (`actions/createTable.js`). */
function activated(table: TableDescription): TableDescription {
  const indexes = table.GlobalSecondaryIndexes?.map((index) => ({
    ...index,
    IndexStatus: TRANSIENT_STATUSES.includes(index.IndexStatus ?? '') ? 'ACTIVE' : index.IndexStatus,
  }));
  return { ...table, TableStatus: 'ACTIVE', ...(indexes ? { GlobalSecondaryIndexes: indexes } : {}) };
}

/** The index entries dynalite writes for `item`, under their full LevelDB keys. */
function indexPuts(table: TableDescription, item: Item): { type: 'put'; key: string; value: unknown }[] {
  return INDEX_TYPES.flatMap((type) => {
    const indexes = table[`${type}SecondaryIndexes`] ?? [];
    return dynaliteDb
      .getIndexActions(indexes, null, item, table)
      .puts.map((put) => ({ type: 'put' as const, key: indexPrefix(type, table.TableName, put.index) + put.key, value: put.item }));
  });
}

/** dynalite's sub-database prefixes (`db/index.js` getSubDb, getIndexDb): `<name>~<key>`. */
function indexPrefix(type: (typeof INDEX_TYPES)[number], table: string, index: string): string {
  return `index-${type.toLowerCase()}~${table}~${index}~`;
}

/** Every key that starts with `prefix`, which ends in `~` (0x7e): up to the next byte value. */
function prefixRange(prefix: string): { gte: string; lt: string } {
  return { gte: prefix, lt: `${prefix.slice(0, -1)}\x7f` };
}

function digest(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('base64');
}

function createBatchWriter(db: LevelDb) {
  let pending: LevelBatchOperation[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const operations = pending;
    pending = [];
    await db.batch(operations);
  };
  return {
    async add(operation: LevelBatchOperation) {
      pending.push(operation);
      if (pending.length >= BATCH_SIZE) await flush();
    },
    flush,
  };
}

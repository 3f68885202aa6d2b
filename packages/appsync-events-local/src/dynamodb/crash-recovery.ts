/**
 * Crash recovery for a dynalite data directory. A marker file exists while a process has the
 * directory open: written before serving, removed only after a clean close. Finding it at
 * start means the last process died, possibly between an item's index writes and the item
 * itself, so the indexes are checked against the items before anything is served.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type DataDirRepair, repairDataDir } from './repair-data-dir.ts';

/** Inside the LevelDB directory; LevelDB ignores files it does not name itself. */
const OPEN_MARKER = 'appsync-events-local-open';

export interface OpenDataDir {
  /** Call after dynalite has closed the directory cleanly. */
  markClosed(): Promise<void>;
}

/** Repairs `dataDir` if its last user did not close it, then marks it open. */
export async function openDataDir(dataDir: string, log: (line: string) => void): Promise<OpenDataDir> {
  await mkdir(dataDir, { recursive: true });
  const marker = join(dataDir, OPEN_MARKER);
  if (existsSync(marker)) {
    const started = performance.now();
    const repair = await repairDataDir(dataDir);
    log(describeRepair(dataDir, repair, performance.now() - started));
  }
  await writeFile(marker, `opened by pid ${process.pid} at ${new Date().toISOString()}\n`);
  return { markClosed: () => rm(marker, { force: true }) };
}

function describeRepair(dataDir: string, repair: DataDirRepair, ms: number): string {
  const fixes = [
    ...repair.activatedTables.map((table) => `${table}: creation finished`),
    ...repair.indexes.map((r) => `${r.table}/${r.index}: ${r.removed} orphan or stale entries removed, ${r.rewritten} rewritten, ${r.added} missing added`),
  ];
  const what = fixes.length ? fixes.join('; ') : 'nothing to fix, every index entry matched its item';
  return `[dynamodb] ${dataDir} was not closed cleanly; checked it in ${Math.round(ms)} ms: ${what}`;
}

/**
 * A StormDB engine whose file survives a SIGKILL at any moment. StormDB's own local engine
 * rewrites the file in place (`fs.writeFile`), so a kill mid-write leaves truncated JSON that
 * the next start refuses, and two saves in flight can interleave into garbage.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface JsonCodec {
  serialize(state: unknown): string;
  deserialize(text: string): unknown;
}

/** What StormDB calls on its engine (`init` once, `write` on every `save()`). */
export interface StormEngine {
  init(): object;
  read(): object;
  write(state: unknown): Promise<void>;
}

/**
 * Each save is written whole to a temporary file beside `path`, fsynced, then renamed over
 * `path`: the file is always a complete earlier or later state. Saves run one at a time. Saves
 * requested while one is in flight are coalesced into the next write, which serializes the
 * state as it is when that write starts: the last save always wins, and a burst of saves
 * costs two serializations, not one per save.
 */
export function createAtomicFileEngine(path: string, codec: JsonCodec): StormEngine {
  let inFlight: Promise<void> = Promise.resolve();
  let queued: { state: unknown; written: Promise<void> } | null = null;

  const engine: StormEngine = {
    init() {
      removeLeftoverTempFiles(path);
      if (!existsSync(path)) writeAtomicallySync(path, codec.serialize({}));
      return engine.read();
    },
    read() {
      const text = readFileSync(path, 'utf8');
      try {
        return codec.deserialize(text === '' ? '{}' : text) as object;
      } catch (error) {
        throw new Error(`Failed to load ${path}: ${(error as Error).message}`, { cause: error });
      }
    },
    write(state) {
      if (queued) {
        queued.state = state;
        return queued.written;
      }
      const slot = { state, written: Promise.resolve() };
      slot.written = inFlight
        .catch(() => undefined)
        .then(() => {
          queued = null;
          return writeAtomically(path, codec.serialize(slot.state));
        });
      queued = slot;
      inFlight = slot.written;
      return slot.written;
    },
  };
  return engine;
}

function tempPath(path: string): string {
  // Not `.json`: cognito-local lists user pools as the `*.json` files of its directory.
  return `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temp = tempPath(path);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

function writeAtomicallySync(path: string, text: string): void {
  const temp = tempPath(path);
  const fd = openSync(temp, 'w');
  try {
    writeFileSync(fd, text, 'utf8');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

/** Temporary files of a process killed mid-save: never renamed, so never part of the state. */
function removeLeftoverTempFiles(path: string): void {
  const prefix = `${basename(path)}.`;
  for (const name of readdirSync(dirname(path))) {
    if (name.startsWith(prefix) && name.endsWith('.tmp')) rmSync(join(dirname(path), name), { force: true });
  }
}

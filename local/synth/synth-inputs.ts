/**
 * What a synth of the backend depends on, as one hash: the content of every file the backend code
 * can reach (amplify/, functions/, core/, the lockfile) and the command's own settings. The local
 * cloud keys its cached cloud assembly by it, so an edit anywhere in those folders, by anyone,
 * makes the next start synthesize again.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Folders whose files the synth reads (the backend, the functions it bundles, what both import). */
export const SYNTH_INPUT_DIRS = ['amplify', 'functions', 'core'] as const;
export const SYNTH_INPUT_FILES = ['package-lock.json', 'package.json', 'tsconfig.base.json'] as const;

/** Tests and docs never reach a template or a bundle; leaving them out keeps the cache warm while they change. */
const IGNORED = /(\.test\.ts|\.md)$/;

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : listFiles(path);
      return entry.isFile() && !IGNORED.test(entry.name) ? [path] : [];
    }),
  );
  return nested.flat();
}

/**
 * The hash of the inputs under `rootDir` and of `settings` (the synth command's environment and
 * context). Files are hashed in path order with their paths, so a rename changes it too.
 */
export async function hashSynthInputs(rootDir: string, settings: Record<string, string>): Promise<string> {
  const files = [
    ...(await Promise.all(SYNTH_INPUT_DIRS.map((dir) => listFiles(join(rootDir, dir))))).flat(),
    ...SYNTH_INPUT_FILES.map((file) => join(rootDir, file)),
  ].sort();
  const hash = createHash('sha256');
  hash.update(JSON.stringify(Object.entries(settings).sort()));
  hash.update(`node ${process.versions.node}\n`);
  for (const file of files) {
    const content = await readFile(file).catch(() => Buffer.from('<absent>'));
    hash.update(`${relative(rootDir, file)}\n${content.length}\n`);
    hash.update(content);
  }
  return hash.digest('hex').slice(0, 32);
}

/**
 * The package must stand alone: every relative import stays inside it, and every bare import is
 * Node's own or a dependency its package.json declares. A slip (a helper imported from the app
 * that uses the emulator) would work in this repository and break for anyone else.
 */
import { readdir, readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name.startsWith('.') ? [] : sourceFiles(path);
      return /\.(ts|mts|js|mjs)$/.test(entry.name) ? [path] : [];
    }),
  );
  return nested.flat();
}

const importPattern = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm;

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** A package is declared itself, or (for type-only imports such as `aws-lambda`) by its `@types/` package. */
function isDeclared(declared: ReadonlySet<string>, name: string): boolean {
  return declared.has(name) || declared.has(`@types/${name.replace(/^@([^/]+)\//, '$1__')}`);
}

it('imports nothing from outside the package but Node and its declared dependencies', async () => {
  const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
  const strays: string[] = [];
  for (const file of await sourceFiles(root)) {
    const text = await readFile(file, 'utf8');
    for (const match of text.matchAll(importPattern)) {
      const specifier = match[1] ?? match[2] ?? match[3]!;
      const where = relative(root, file);
      if (specifier.startsWith('.')) {
        if (relative(root, resolve(dirname(file), specifier)).startsWith('..')) strays.push(`${where}: ${specifier}`);
      } else if (!specifier.startsWith('node:') && !builtinModules.includes(specifier) && !isDeclared(declared, packageName(specifier))) {
        strays.push(`${where}: ${specifier}`);
      }
    }
  }
  expect(strays).toEqual([]);
});

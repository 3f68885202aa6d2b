import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** One entry of Vite's `.vite/manifest.json`. */
interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

type Manifest = Record<string, ManifestChunk>;

export interface ChunkSet {
  /** Output files, in load order. */
  files: string[];
  /** Gzipped bytes of the JavaScript in `files`. */
  jsGzip: number;
  jsRaw: number;
  /** Gzipped bytes of the CSS those chunks pull in. */
  cssGzip: number;
}

/** Chunk keys reachable from `key` through static imports only (what loads before any lazy chunk). */
function staticClosure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) staticClosure(manifest, imported, seen);
  return seen;
}

async function measure(outDir: string, manifest: Manifest, keys: Iterable<string>): Promise<ChunkSet> {
  const chunks = [...keys].map((key) => manifest[key] as ManifestChunk);
  const files = chunks.map((c) => c.file);
  const css = [...new Set(chunks.flatMap((c) => c.css ?? []))];
  const sizes = async (list: string[]) =>
    Promise.all(list.map(async (file) => {
      const bytes = await readFile(join(outDir, file));
      return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    }));
  const js = await sizes(files);
  const styles = await sizes(css);
  return {
    files: [...files, ...css],
    jsGzip: js.reduce((sum, s) => sum + s.gzip, 0),
    jsRaw: js.reduce((sum, s) => sum + s.raw, 0),
    cssGzip: styles.reduce((sum, s) => sum + s.gzip, 0),
  };
}

/**
 * From a `vite build --manifest` output: the initial JS (the HTML entry and its static imports,
 * transitively, and the app it loads at once, `appSource`, with its static imports) and, separately, what a lazy route adds on top of it (its chunk and the static
 * imports the entry does not already bring).
 */
export async function bundleSizes(outDir: string, lazySource: string, appSource = 'src/app.ts'): Promise<{ initial: ChunkSet; lazy: ChunkSet }> {
  const manifest = JSON.parse(await readFile(join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
  const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (!entry) throw new Error('The manifest has no entry chunk');
  if (!manifest[lazySource]?.isDynamicEntry) throw new Error(`${lazySource} is not a lazy chunk in the manifest`);
  // The start-up entry loads the app itself with a dynamic import, at once: both are initial.
  const initialKeys = staticClosure(manifest, entry);
  if (manifest[appSource]) staticClosure(manifest, appSource, initialKeys);
  const lazyKeys = [...staticClosure(manifest, lazySource)].filter((key) => !initialKeys.has(key));
  return { initial: await measure(outDir, manifest, initialKeys), lazy: await measure(outDir, manifest, lazyKeys) };
}

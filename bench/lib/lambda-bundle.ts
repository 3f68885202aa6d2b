import { build, type Metafile, type Plugin } from 'esbuild';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { functionBundling } from '../../amplify/definition.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** What to bundle: a file (relative to the repository root) or module source resolved from the root. */
export type BundleEntry = ({ file: string } | { source: string; name: string }) & { stubs?: Stub[] };

/** A module replaced by other code in a variant of a bundle, to see what the module costs. */
export interface Stub {
  /** Matches the import specifier as written, e.g. `/\/lib\/logger\.ts$/`. */
  filter: RegExp;
  /** JavaScript that stands in for the module. */
  contents: string;
}

function stubPlugin(stubs: Stub[]): Plugin {
  return {
    name: 'stubs',
    setup(build) {
      stubs.forEach((stub, index) => build.onResolve({ filter: stub.filter }, (args) => ({ path: args.path, namespace: 'stub', pluginData: index })));
      build.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({ contents: stubs[args.pluginData as number]!.contents, loader: 'js' }));
    },
  };
}

export interface LambdaBundle {
  /** The `.mjs` esbuild wrote (its source map lies beside it). */
  file: string;
  /** Size of the `.mjs` alone, in bytes. */
  bytes: number;
  metafile: Metafile;
}

/**
 * Bundles `entry` into `outfile` as the deployment does (amplify/functions/lambdas.ts hands the
 * same `functionBundling` to CDK's NodejsFunction, which runs esbuild with `--bundle
 * --platform=node`, no externals, and a source map file beside the module).
 */
export async function bundleLambda(entry: BundleEntry, outfile: string): Promise<LambdaBundle> {
  const input =
    'file' in entry
      ? { entryPoints: [entry.file] }
      : { stdin: { contents: entry.source, resolveDir: root, sourcefile: entry.name, loader: 'ts' as const } };
  const { metafile } = await build({
    ...input,
    absWorkingDir: root,
    outfile,
    bundle: true,
    platform: 'node',
    external: [],
    format: functionBundling.format,
    target: functionBundling.target,
    minify: functionBundling.minify,
    sourcemap: functionBundling.sourceMap,
    mainFields: [...functionBundling.mainFields],
    banner: { js: functionBundling.banner },
    metafile: true,
    logLevel: 'error',
    plugins: entry.stubs ? [stubPlugin(entry.stubs)] : [],
  });
  return { file: outfile, bytes: (await stat(outfile)).size, metafile };
}

/** Who wrote an input file: its npm package (scoped packages grouped by scope), or us. */
export function owner(input: string): string {
  const packages = [...input.matchAll(/node_modules\/((@[^/]+)\/[^/]+|[^/@][^/]*)/g)];
  const last = packages.at(-1);
  if (!last) return 'our code (functions/, core/)';
  return last[2] ? `${last[2]}/*` : (last[1] as string);
}

/**
 * The bundle's output bytes by owner, largest first. Bytes no input accounts for (the banner,
 * esbuild's module wrappers, the source map comment) are listed as such.
 */
export function bytesByOwner(bundle: LambdaBundle): Map<string, number> {
  const output = Object.entries(bundle.metafile.outputs).find(([path]) => path.endsWith('.mjs'))?.[1];
  if (!output) throw new Error(`no output in the metafile of ${bundle.file}`);
  const totals = new Map<string, number>();
  let counted = 0;
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    totals.set(owner(input), (totals.get(owner(input)) ?? 0) + bytesInOutput);
    counted += bytesInOutput;
  }
  totals.set('(banner, esbuild glue)', bundle.bytes - counted);
  return new Map([...totals].sort((a, b) => b[1] - a[1]));
}

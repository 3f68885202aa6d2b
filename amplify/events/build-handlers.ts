/**
 * Bundles each channel namespace's APPSYNC_JS handler into one ES module. The CDK backend
 * deploys these files (`Code.fromAsset`) and the local cloud's sandbox evaluates the very same
 * files, so what runs offline is byte for byte what AppSync runs.
 *
 * Run as a script: `npm run build:handlers`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { BuildOptions } from 'esbuild';
import { eventApi } from '../definition.ts';
import type { NamespaceDefinition } from '../definition.ts';

/** AppSync rejects handler code above 32 KB; failing here beats failing at deploy time. */
export const HANDLER_CODE_MAX_BYTES = 32_768;

export interface BuildHandlersOptions {
  /** Repository root the definition's paths are relative to (default: this checkout). */
  rootDir?: string;
  /**
   * Write every bundle into this directory (same file names) instead of the definition's
   * `handlerBundle` paths. Tests build into a temporary directory with it.
   */
  outDir?: string;
  /** Namespaces to build (default: every namespace of `eventApi`). */
  namespaces?: readonly NamespaceDefinition[];
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * esbuild options for one handler: a single ES module with `@aws-appsync/utils` left as an
 * import (the runtime provides it), no source map, syntax APPSYNC_JS understands.
 */
export function handlerBuildOptions(entryPoint: string, outfile: string, rootDir: string): BuildOptions {
  return {
    absWorkingDir: rootDir,
    entryPoints: [entryPoint],
    outfile,
    bundle: true,
    platform: 'neutral',
    format: 'esm',
    // ES2020 keeps `??` and `?.` (APPSYNC_JS has both) and lowers newer syntax it may lack.
    target: 'es2020',
    external: ['@aws-appsync/utils', '@aws-appsync/utils/*'],
    sourcemap: false,
    minify: false,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
    write: false,
  };
}

/**
 * Bundles every namespace's `handlerSource` into its `handlerBundle`. Rejects (writing
 * nothing for that namespace) on an unresolved import, a syntax error or an oversized bundle.
 * @returns the absolute paths written, in namespace order.
 */
export async function buildHandlers(options: BuildHandlersOptions = {}): Promise<string[]> {
  const rootDir = resolve(options.rootDir ?? REPO_ROOT);
  const outDir = options.outDir === undefined ? undefined : resolve(rootDir, options.outDir);
  const namespaces = options.namespaces ?? eventApi.namespaces;
  return Promise.all(
    namespaces.map(async (namespace) => {
      const outfile = outDir
        ? resolve(outDir, basename(namespace.handlerBundle))
        : resolve(rootDir, namespace.handlerBundle);
      const result = await build(handlerBuildOptions(namespace.handlerSource, outfile, rootDir));
      const output = result.outputFiles?.[0];
      if (!output) {
        throw new Error(`esbuild produced no output for namespace ${namespace.name}`);
      }
      if (output.contents.byteLength > HANDLER_CODE_MAX_BYTES) {
        throw new Error(
          `Handler bundle for namespace ${namespace.name} is ${output.contents.byteLength} bytes; ` +
            `AppSync accepts at most ${HANDLER_CODE_MAX_BYTES}`,
        );
      }
      await mkdir(dirname(outfile), { recursive: true });
      await writeFile(outfile, output.contents);
      return outfile;
    }),
  );
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  buildHandlers().then(
    (files) => files.forEach((file) => console.log(`built ${file}`)),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}

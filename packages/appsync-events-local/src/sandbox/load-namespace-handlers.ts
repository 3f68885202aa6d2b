import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { assertAppSyncJs } from '../appsync-js/index.ts';
import type { NamespaceDefinition } from '../template/backend-model.ts';
import type { DataSourceInvoker, NamespaceHandlers } from '../events/contracts.ts';
import { createNamespaceHandlers } from './create-namespace-handlers.ts';
import type { NamespaceHandlersOptions } from './create-namespace-handlers.ts';
import { loadHandlerModule } from './load-handler-module.ts';

export type LoadNamespaceHandlersOptions = Pick<NamespaceHandlersOptions, 'now' | 'timeoutMs' | 'onLog'>;

/**
 * Loads every namespace's built bundle (`handlerBundle`, relative to `rootDir`) into the
 * sandbox. Run `buildHandlers` first. Rejects if a bundle is missing or fails to load, or if it
 * uses a construct the APPSYNC_JS runtime refuses (`try`, `while`, `++`, a class…): AppSync
 * would refuse that code at deploy time, so the local cloud refuses it at startup, naming each
 * construct's rule and line.
 * @returns the handlers by namespace name.
 */
export async function loadNamespaceHandlers(
  namespaces: readonly NamespaceDefinition[],
  rootDir: string,
  dataSources: DataSourceInvoker,
  options: LoadNamespaceHandlersOptions = {},
): Promise<Record<string, NamespaceHandlers>> {
  const entries = await Promise.all(
    namespaces.map(async (namespace) => {
      const bundleFile = resolve(rootDir, namespace.handlerBundle);
      assertAppSyncJs(await readFile(bundleFile, 'utf8'), bundleFile);
      const mod = await loadHandlerModule(bundleFile);
      return [namespace.name, createNamespaceHandlers(mod, { ...options, namespace, dataSources })] as const;
    }),
  );
  return Object.fromEntries(entries);
}

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { assertAppSyncJs } from '../appsync-js/index.ts';
import type { NamespaceDefinition } from '../template/backend-model.ts';
import type { DataSourceInvoker, NamespaceHandlers } from '../events/contracts.ts';
import { createNamespaceHandlers } from './create-namespace-handlers.ts';
import type { NamespaceHandlersOptions } from './create-namespace-handlers.ts';
import { loadHandlerSource } from './load-handler-module.ts';

export type LoadNamespaceHandlersOptions = Pick<NamespaceHandlersOptions, 'now' | 'timeoutMs' | 'onLog'>;

/**
 * Loads every namespace's handler module into the sandbox: its inline code (`handlerCode`) or its
 * built bundle (`handlerBundle`, relative to `rootDir`; run `buildHandlers` first). A namespace
 * with neither gets no entry: the events service applies AppSync's defaults (forward, allow). Rejects if a bundle is missing or fails to load, or if it
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
  const withCode = namespaces.filter((namespace) => namespace.handlerCode !== undefined || namespace.handlerBundle !== undefined);
  const entries = await Promise.all(
    withCode.map(async (namespace) => {
      const file = namespace.handlerCode === undefined ? resolve(rootDir, namespace.handlerBundle!) : namespace.handlerSource;
      const source = namespace.handlerCode ?? (await readFile(file, 'utf8'));
      assertAppSyncJs(source, file);
      const mod = await loadHandlerSource(source, file);
      return [namespace.name, createNamespaceHandlers(mod, { ...options, namespace, dataSources })] as const;
    }),
  );
  return Object.fromEntries(entries);
}

import { resolve } from 'node:path';
import type { NamespaceDefinition } from '../../amplify/definition.ts';
import type { DataSourceInvoker, NamespaceHandlers } from '../events/contracts.ts';
import { createNamespaceHandlers } from './create-namespace-handlers.ts';
import type { NamespaceHandlersOptions } from './create-namespace-handlers.ts';
import { loadHandlerModule } from './load-handler-module.ts';

export type LoadNamespaceHandlersOptions = Pick<NamespaceHandlersOptions, 'now' | 'timeoutMs' | 'onLog'>;

/**
 * Loads every namespace's built bundle (`handlerBundle`, relative to `rootDir`) into the
 * sandbox. Run `buildHandlers` first. Rejects if a bundle is missing or fails to load.
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
      const mod = await loadHandlerModule(resolve(rootDir, namespace.handlerBundle));
      return [namespace.name, createNamespaceHandlers(mod, { ...options, namespace, dataSources })] as const;
    }),
  );
  return Object.fromEntries(entries);
}

import { join } from 'node:path';
import type { NamespaceDefinition } from '../../amplify/definition.ts';
import type { DataSourceInvoker, NamespaceHandlers } from '../events/contracts.ts';
import { createNamespaceHandlers } from './create-namespace-handlers.ts';
import { loadHandlerModule } from './load-handler-module.ts';

/** Loads every namespace's bundled handler module (the deployed file) into the sandbox. */
export async function loadNamespaceHandlers(
  namespaces: readonly NamespaceDefinition[],
  rootDir: string,
  dataSources: DataSourceInvoker,
): Promise<Record<string, NamespaceHandlers>> {
  const entries = await Promise.all(
    namespaces.map(async (namespace) => {
      const mod = await loadHandlerModule(join(rootDir, namespace.handlerBundle));
      return [namespace.name, createNamespaceHandlers(mod, { namespace, dataSources })] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/**
 * The APPSYNC_JS handler sandbox: evaluates handler bundles (as esbuild writes them for AppSync)
 * in a `node:vm` context limited to what AppSync's runtime offers. Imported on its own
 * (`appsync-events-local/sandbox`) by handler tests that need no servers.
 */
export { loadHandlerModule } from './load-handler-module.ts';
export { createNamespaceHandlers, DEFAULT_HANDLER_TIMEOUT_MS } from './create-namespace-handlers.ts';
export type { NamespaceHandlersOptions } from './create-namespace-handlers.ts';
export type { HandlerModule, HandlerForm } from './handler-module.ts';
export type { SandboxLogEntry } from './invocation.ts';
export { HANDLER_ERROR_TYPE } from './handler-errors.ts';
export { loadNamespaceHandlers } from './load-namespace-handlers.ts';
export type { LoadNamespaceHandlersOptions } from './load-namespace-handlers.ts';
export { createDataSourceInvoker } from './data-source-invoker.ts';
export type { DataSourceInvoker, DataSourceRequest, HandlerContext, NamespaceHandlers } from '../events/contracts.ts';

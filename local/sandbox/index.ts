/**
 * The APPSYNC_JS handler sandbox: evaluates the bundles `amplify/events/build-handlers.ts`
 * writes, in a `node:vm` context limited to what AppSync's runtime offers.
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

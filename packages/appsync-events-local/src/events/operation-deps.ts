import type { EventApiModel } from '../template/backend-model.ts';
import type { EventAuthorizer, NamespaceHandlers } from './contracts.ts';

/** What publish and subscribe need from the service, whichever transport they came on. */
export interface OperationDeps {
  api: EventApiModel;
  authorizer: EventAuthorizer;
  /** By namespace name; a namespace missing here gets AppSync's default handlers. */
  handlers: Readonly<Record<string, NamespaceHandlers>>;
  /** Identifiers for published events (UUIDs). */
  newId(): string;
}

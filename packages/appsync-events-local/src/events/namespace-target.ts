/**
 * Resolves a channel's namespace: its auth modes (the namespace's own, else the API defaults)
 * and its handlers (AppSync's defaults when it has none).
 */
import type { AuthType, EventApiModel } from '../template/backend-model.ts';
import type { HandlerContext, NamespaceHandlers } from './contracts.ts';

export interface NamespaceTarget {
  name: string;
  publishAuthModes: readonly AuthType[];
  subscribeAuthModes: readonly AuthType[];
  handlers: NamespaceHandlers;
}

/** AppSync's behaviour for a namespace without handler code: forward events, allow subscribe. */
export const DEFAULT_HANDLERS: NamespaceHandlers = {
  onPublish: async (ctx: HandlerContext) => ({ ok: true, events: ctx.events ?? [] }),
  onSubscribe: async () => ({ ok: true }),
};

/** The namespace named `name`, or null when the API defines none by that name. */
export function resolveNamespace(
  api: EventApiModel,
  handlers: Readonly<Record<string, NamespaceHandlers>>,
  name: string,
): NamespaceTarget | null {
  const definition = api.namespaces.find((ns) => ns.name === name);
  if (!definition) return null;
  return {
    name,
    publishAuthModes: orDefault(definition.publishAuthModes, api.defaultPublishAuthModes),
    subscribeAuthModes: orDefault(definition.subscribeAuthModes, api.defaultSubscribeAuthModes),
    handlers: Object.hasOwn(handlers, name) ? (handlers[name] as NamespaceHandlers) : DEFAULT_HANDLERS,
  };
}

function orDefault(modes: readonly AuthType[] | undefined, fallback: readonly AuthType[]): readonly AuthType[] {
  return modes && modes.length > 0 ? modes : fallback;
}

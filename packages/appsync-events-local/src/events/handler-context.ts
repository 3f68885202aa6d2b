/** Builds `ctx` for a namespace handler exactly as AppSync Events shapes it. Pure. */
import type { Channel, ChannelPattern } from './channel.ts';
import type { HandlerContext, Identity } from './contracts.ts';
import type { HeaderMap } from './auth-headers.ts';
import type { IncomingEvent } from './publish-events.ts';

export interface HandlerContextInput {
  identity: Identity | null;
  headers: HeaderMap;
  /** For subscribe, the path as requested, wildcard included (`/chat/*`). */
  channel: Channel | ChannelPattern;
  operation: HandlerContext['info']['operation'];
  /** Publish only. */
  events?: readonly IncomingEvent[];
}

export function buildHandlerContext(input: HandlerContextInput): HandlerContext {
  return {
    identity: input.identity,
    request: { headers: { ...input.headers }, domainName: null },
    info: {
      channel: { path: input.channel.path, segments: [...input.channel.segments] },
      channelNamespace: { name: input.channel.namespace },
      operation: input.operation,
    },
    events: input.events ? input.events.map(({ id, payload }) => ({ id, payload })) : null,
    stash: {},
  };
}

import type { OutgoingEvent, PublishHandlerResult } from '../events/contracts.ts';
import { failedPublish, handlerCrash } from './handler-errors.ts';

function crash(message: string): PublishHandlerResult {
  return failedPublish(handlerCrash(message));
}

/**
 * Applies AppSync's onPublish return rules to what a handler returned:
 * entries with `error` fail, others are broadcast in returned order; `null` entries are
 * ignored; events not returned are dropped; an unknown or repeated id fails the whole publish.
 * `null`/`undefined` as the whole value broadcasts nothing.
 */
export function toPublishResult(incoming: readonly { id: string }[], returned: unknown): PublishHandlerResult {
  if (returned === null || returned === undefined) {
    return { ok: true, events: [] };
  }
  if (!Array.isArray(returned)) {
    return crash('onPublish must return an array of events');
  }
  const known = new Set(incoming.map((event) => event.id));
  const seen = new Set<string>();
  const events: OutgoingEvent[] = [];
  for (const entry of returned as unknown[]) {
    if (entry === null || entry === undefined) continue;
    const fields = entry as Record<string, unknown>;
    if (typeof entry !== 'object' || typeof fields.id !== 'string') {
      return crash('onPublish returned an event without a string id');
    }
    const id = fields.id;
    if (!known.has(id)) return crash(`onPublish returned an unknown event id: ${id}`);
    if (seen.has(id)) return crash(`onPublish returned event id ${id} more than once`);
    seen.add(id);
    if (fields.error !== undefined && fields.error !== null) {
      events.push({ id, error: typeof fields.error === 'string' ? fields.error : JSON.stringify(fields.error) });
    } else if (Object.hasOwn(fields, 'payload')) {
      events.push({ id, payload: fields.payload });
    } else {
      events.push({ id });
    }
  }
  return { ok: true, events };
}

/**
 * The publish rules that need no I/O: checking a batch of events against the quotas, and
 * turning what `onPublish` returned into what is broadcast and what the publisher is told.
 */
import type { HandlerError } from './contracts.ts';
import type { FailedEvent, SuccessfulEvent } from './frames.ts';
import { jsonNestingDepth } from './json-nesting-depth.ts';
import { EVENT_LIMITS } from './limits.ts';
import { badRequest, payloadTooLarge, type ServiceError } from './service-error.ts';

/** One entry of `ctx.events`: the identifier AppSync assigned, and the parsed payload. */
export interface IncomingEvent {
  id: string;
  payload: unknown;
}

export type EventsCheck = { ok: true; payloads: unknown[] } | { ok: false; error: ServiceError };

/**
 * Checks a publish request: its size, then 1–5 events, each a string of valid JSON of at
 * most 240 KB, nested at most 1,000 levels. Returns the parsed payloads in order.
 */
export function checkPublishEvents(events: unknown, requestBytes: number): EventsCheck {
  const { maxPublishRequestBytes, maxEventsPerPublish, maxEventBytes, maxEventNestingDepth } = EVENT_LIMITS;
  if (requestBytes > maxPublishRequestBytes) {
    return { ok: false, error: payloadTooLarge(`Publish request exceeds ${maxPublishRequestBytes} bytes`) };
  }
  if (!Array.isArray(events) || events.length === 0) {
    return { ok: false, error: badRequest('events must be a non-empty array of JSON strings') };
  }
  if (events.length > maxEventsPerPublish) {
    return { ok: false, error: badRequest(`At most ${maxEventsPerPublish} events per publish, got ${events.length}`) };
  }
  const payloads: unknown[] = [];
  for (const [index, event] of events.entries()) {
    if (typeof event !== 'string') return { ok: false, error: badRequest(`Event ${index} is not a string`) };
    if (Buffer.byteLength(event, 'utf8') > maxEventBytes) {
      return { ok: false, error: payloadTooLarge(`Event ${index} exceeds ${maxEventBytes} bytes`) };
    }
    const parsed = parseJson(event);
    if (!parsed.ok) return { ok: false, error: badRequest(`Event ${index} is not valid JSON`) };
    if (jsonNestingDepth(event) > maxEventNestingDepth) {
      return { ok: false, error: badRequest(`Event ${index} nests arrays or objects deeper than ${maxEventNestingDepth} levels`) };
    }
    payloads.push(parsed.value);
  }
  return { ok: true, payloads };
}

export interface PublishPlan {
  /** JSON strings to broadcast, in the order the handler returned them. */
  broadcast: string[];
  successful: SuccessfulEvent[];
  failed: FailedEvent[];
}

export type PlanResult = { ok: true; plan: PublishPlan } | { ok: false; error: HandlerError };

const FAILED_EVENT_CODE = 400;

/**
 * Applies AppSync's OutgoingEvent rules: an entry with `error` fails that event; an entry with
 * a payload is broadcast (in returned order); events not returned are accepted but dropped, as
 * are payloads over 240 KB (as AppSync silently does). `null` entries are ignored; unknown or
 * repeated ids make the whole result invalid.
 */
export function planPublish(incoming: readonly IncomingEvent[], returned: unknown): PlanResult {
  if (!Array.isArray(returned)) return invalid('onPublish must return an array of events');
  const indexById = new Map(incoming.map((event, index) => [event.id, index]));
  const seen = new Set<string>();
  const broadcast: string[] = [];
  const errors = new Map<string, string>();
  for (const entry of returned) {
    if (entry === null || entry === undefined) continue;
    const id = typeof entry === 'object' ? (entry as { id?: unknown }).id : undefined;
    if (typeof id !== 'string' || !indexById.has(id)) return invalid(`onPublish returned an unknown event id ${JSON.stringify(id)}`);
    if (seen.has(id)) return invalid(`onPublish returned event id ${id} more than once`);
    seen.add(id);
    const { payload, error } = entry as { payload?: unknown; error?: unknown };
    if (error !== undefined && error !== null) errors.set(id, String(error));
    else if (payload !== undefined) pushIfDeliverable(broadcast, JSON.stringify(payload));
  }
  const successful: SuccessfulEvent[] = [];
  const failed: FailedEvent[] = [];
  incoming.forEach(({ id }, index) => {
    const message = errors.get(id);
    if (message === undefined) successful.push({ identifier: id, index });
    else failed.push({ identifier: id, index, code: FAILED_EVENT_CODE, message });
  });
  return { ok: true, plan: { broadcast, successful, failed } };
}

function pushIfDeliverable(broadcast: string[], json: string | undefined): void {
  if (json !== undefined && Buffer.byteLength(json, 'utf8') <= EVENT_LIMITS.maxEventBytes) broadcast.push(json);
}

function invalid(message: string): PlanResult {
  return { ok: false, error: { errorType: 'MessageProcessingError', message } };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

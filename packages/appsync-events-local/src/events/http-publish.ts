/** `POST /event`: AppSync Events' HTTP publish, answered through the shared publish pipeline. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { normalizeAuthHeaders, plainHeaders } from './auth-headers.ts';
import { readBody, sendError, sendJson } from './http-response.ts';
import { EVENT_LIMITS } from './limits.ts';
import { runPublish, type PublishDeps } from './publish-pipeline.ts';
import { badRequest, payloadTooLarge } from './service-error.ts';

export async function handleHttpPublish(req: IncomingMessage, res: ServerResponse, deps: PublishDeps): Promise<void> {
  const limit = EVENT_LIMITS.maxPublishRequestBytes;
  const body = await readBody(req, limit);
  if (body.bytes > limit) return sendError(req, res, payloadTooLarge(`Request body exceeds ${limit} bytes`));
  const parsed = parseBody(body.text);
  if (!parsed) return sendError(req, res, badRequest('Body must be a JSON object with channel and events'));

  const outcome = await runPublish(deps, {
    channel: parsed.channel,
    events: parsed.events,
    authHeaders: normalizeAuthHeaders(req.headers),
    signedBody: body.text,
    sourceIp: req.socket.remoteAddress ?? '',
    requestHeaders: plainHeaders(req.headers),
    requestBytes: body.bytes,
  });
  if (!outcome.ok) return sendError(req, res, outcome.error);
  sendJson(req, res, 200, { failed: outcome.failed, successful: outcome.successful });
}

function parseBody(text: string): { channel: unknown; events: unknown } | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const { channel, events } = value as Record<string, unknown>;
    return { channel, events };
  } catch {
    return null;
  }
}

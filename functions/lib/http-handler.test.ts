import { describe, expect, it } from 'vitest';
import { BadRequestError, MutedError, RateLimitedError } from './errors.ts';
import { httpHandler } from './http-handler.ts';
import { json } from './http-response.ts';
import type { Logger } from './logger.ts';
import type { MetricsSink } from './metrics.ts';

/** Records what the edge logs, with the keys appended at the time: a stand-in for Powertools' Logger. */
function recordingLogger() {
  let keys: Record<string, unknown> = {};
  const lines: Record<string, unknown>[] = [];
  const line = (level: string) => (message: string) => lines.push({ level, message, ...keys });
  const logger = {
    resetKeys: () => (keys = {}),
    addContext: () => undefined,
    appendKeys: (more: Record<string, unknown>) => (keys = { ...keys, ...more }),
    info: line('INFO'),
    error: line('ERROR'),
  } as unknown as Logger;
  return { logger, lines };
}

function countingMetrics(): MetricsSink & { flushes: number } {
  return {
    flushes: 0,
    count: () => undefined,
    countByCode: () => undefined,
    flush() {
      this.flushes += 1;
    },
  };
}

const event = (routeKey: string) => ({ routeKey, headers: {}, isBase64Encoded: false });

describe('httpHandler', () => {
  it('answers with what the route returns, the route in every log line, metrics flushed', async () => {
    const { logger, lines } = recordingLogger();
    const metrics = countingMetrics();
    const handler = httpHandler({ logger, metrics }, async (request) => {
      logger.info('handled');
      return json(200, { route: request.routeKey });
    });

    const result = await handler(event('GET /rooms'));

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body ?? '')).toEqual({ route: 'GET /rooms' });
    expect(lines.map((line) => line.routeKey)).toEqual(['GET /rooms']);
    expect(metrics.flushes).toBe(1);
  });

  it('maps a client error to its status and anything else to a bare 500, and flushes metrics either way', async () => {
    const { logger, lines } = recordingLogger();
    const metrics = countingMetrics();
    let failure: Error = new BadRequestError('limit must be a number');
    const handler = httpHandler({ logger, metrics }, async () => {
      throw failure;
    });

    const rejected = await handler(event('GET /rooms/{roomId}/messages'));
    failure = new Error('table is gone: arn:aws:dynamodb:…');
    const failed = await handler(event('GET /rooms/{roomId}/messages'));

    expect([rejected.statusCode, JSON.parse(rejected.body ?? '')]).toEqual([400, { message: 'limit must be a number' }]);
    expect([failed.statusCode, JSON.parse(failed.body ?? '')]).toEqual([500, { message: 'Internal server error' }]);
    expect(lines.map((line) => line.level)).toEqual(['INFO', 'ERROR']);
    expect(metrics.flushes).toBe(2);
  });

  it('answers a limit with 429, its message and Retry-After in seconds; a mute with a plain 403', async () => {
    const { logger } = recordingLogger();
    let failure: Error = new RateLimitedError('At most 10 new rooms per hour', '2026-11-30T13:00:00.000Z', 840);
    const handler = httpHandler({ logger, metrics: countingMetrics() }, async () => {
      throw failure;
    });

    const limited = await handler(event('POST /rooms'));
    failure = new MutedError('You are muted', '2026-11-30T13:00:00.000Z');
    const muted = await handler(event('POST /rooms'));

    expect([limited.statusCode, limited.headers?.['retry-after'], JSON.parse(limited.body ?? '')]).toEqual([429, '840', { message: 'At most 10 new rooms per hour' }]);
    expect([muted.statusCode, muted.headers?.['retry-after'], JSON.parse(muted.body ?? '')]).toEqual([403, undefined, { message: 'You are muted' }]);
  });

  it('uses a function’s own error mapping when it has one', async () => {
    const { logger } = recordingLogger();
    const handler = httpHandler({ logger, metrics: countingMetrics(), toResponse: () => json(502, { message: 'saved, not published' }) }, async () => {
      throw new Error('publish failed');
    });

    expect((await handler(event('POST /moderation/messages/{id}/remove'))).statusCode).toBe(502);
  });

  it('starts every invocation with fresh log keys: nothing of the request before leaks into the next', async () => {
    const { logger, lines } = recordingLogger();
    const handler = httpHandler({ logger, metrics: countingMetrics() }, async (request) => {
      if (request.routeKey === 'GET /rooms/{roomId}/messages') logger.appendKeys({ roomId: 'lobby' });
      logger.info('handled');
      return json(200, {});
    });

    await handler(event('GET /rooms/{roomId}/messages'));
    await handler(event('GET /rooms'));

    expect(lines.map((line) => [line.routeKey, line.roomId])).toEqual([
      ['GET /rooms/{roomId}/messages', 'lobby'],
      ['GET /rooms', undefined],
    ]);
  });
});

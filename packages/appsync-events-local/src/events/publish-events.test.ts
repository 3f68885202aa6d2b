import { describe, expect, it } from 'vitest';
import { checkPublishEvents, planPublish } from './publish-events.ts';

const KB = 1024;

describe('checkPublishEvents', () => {
  it('parses every event of a valid batch in order', () => {
    expect(checkPublishEvents(['{"a":1}', '"text"', '42', 'true', 'null'], 100)).toEqual({ ok: true, payloads: [{ a: 1 }, 'text', 42, true, null] });
  });

  it.each([
    ['no events', []],
    ['a non-array', '{"a":1}'],
    ['six events', ['1', '2', '3', '4', '5', '6']],
    ['a non-string event', [{ a: 1 }]],
    ['an event that is not JSON', ['{a']],
  ])('refuses %s with a 400 BadRequestException', (_, events) => {
    expect(checkPublishEvents(events, 100)).toEqual({ ok: false, error: { status: 400, errorType: 'BadRequestException', message: expect.any(String) } });
  });

  it('accepts an event of exactly 240 KB and refuses one of 241 KB', () => {
    const event = (bytes: number) => JSON.stringify('x'.repeat(bytes - 2));

    expect(checkPublishEvents([event(240 * KB)], 0).ok).toBe(true);
    expect(checkPublishEvents([event(241 * KB)], 0)).toMatchObject({ ok: false, error: { status: 413 } });
  });

  it('measures events in UTF-8 bytes, not characters', () => {
    const event = JSON.stringify('é'.repeat(121 * KB));

    expect(checkPublishEvents([event], 0).ok).toBe(false);
  });

  it('accepts an event nested 1,000 levels deep and refuses one nested 1,001', () => {
    const nested = (depth: number) => `${'{"a":['.repeat(depth / 2)}${']}'.repeat(depth / 2)}`;
    const deeper = `[${nested(1000)}]`;

    expect(checkPublishEvents([nested(1000)], 0).ok).toBe(true);
    expect(checkPublishEvents(['1', deeper], 0)).toEqual({
      ok: false,
      error: { status: 400, errorType: 'BadRequestException', message: 'Event 1 nests arrays or objects deeper than 1000 levels' },
    });
  });

  it('refuses a request over 1.2 MB before looking at its events', () => {
    expect(checkPublishEvents(['1'], 1.2 * KB * KB + 1)).toMatchObject({ ok: false, error: { status: 413, errorType: 'BadRequestException' } });
  });
});

describe('planPublish', () => {
  const incoming = [
    { id: 'e0', payload: { n: 0 } },
    { id: 'e1', payload: { n: 1 } },
    { id: 'e2', payload: { n: 2 } },
  ];

  it('broadcasts returned payloads in returned order and reports every event successful', () => {
    const result = planPublish(incoming, [{ id: 'e2', payload: { n: 'two' } }, { id: 'e0', payload: { n: 0 } }, { id: 'e1', payload: 'one' }]);

    expect(result).toEqual({
      ok: true,
      plan: {
        broadcast: ['{"n":"two"}', '{"n":0}', '"one"'],
        successful: [
          { identifier: 'e0', index: 0 },
          { identifier: 'e1', index: 1 },
          { identifier: 'e2', index: 2 },
        ],
        failed: [],
      },
    });
  });

  it('fails events returned with an error and does not broadcast them', () => {
    const result = planPublish(incoming, [{ id: 'e0', payload: 1 }, { id: 'e1', error: 'too rude' }]);

    expect(result).toEqual({
      ok: true,
      plan: {
        broadcast: ['1'],
        successful: [
          { identifier: 'e0', index: 0 },
          { identifier: 'e2', index: 2 },
        ],
        failed: [{ identifier: 'e1', index: 1, code: 400, message: 'too rude' }],
      },
    });
  });

  it('accepts but drops events the handler did not return, and ignores null entries', () => {
    const result = planPublish(incoming, [null, { id: 'e1', payload: 'kept' }]);

    expect(result).toMatchObject({ ok: true, plan: { broadcast: ['"kept"'], failed: [] } });
    expect(result.ok && result.plan.successful).toHaveLength(3);
  });

  it('silently drops a returned payload over 240 KB', () => {
    const result = planPublish(incoming.slice(0, 1), [{ id: 'e0', payload: 'x'.repeat(240 * KB) }]);

    expect(result).toMatchObject({ ok: true, plan: { broadcast: [], successful: [{ identifier: 'e0', index: 0 }] } });
  });

  it.each([
    ['an unknown id', [{ id: 'nope', payload: 1 }]],
    ['a repeated id', [{ id: 'e0', payload: 1 }, { id: 'e0', payload: 2 }]],
    ['an entry without id', [{ payload: 1 }]],
    ['a non-array', { events: [] }],
  ])('treats %s as a handler error', (_, returned) => {
    expect(planPublish(incoming, returned)).toEqual({ ok: false, error: { errorType: 'MessageProcessingError', message: expect.any(String) } });
  });
});

import { describe, expect, it } from 'vitest';
import { toPublishResult } from './publish-result.ts';

const incoming = [{ id: 'a' }, { id: 'b' }];

describe('toPublishResult', () => {
  it('keeps returned order, skips null entries and reports errors per event', () => {
    const result = toPublishResult(incoming, [{ id: 'b', payload: 2 }, null, { id: 'a', error: 'bad' }]);

    expect(result).toEqual({ ok: true, events: [{ id: 'b', payload: 2 }, { id: 'a', error: 'bad' }] });
  });

  it('broadcasts nothing for null or undefined', () => {
    expect(toPublishResult(incoming, undefined)).toEqual({ ok: true, events: [] });
    expect(toPublishResult(incoming, null)).toEqual({ ok: true, events: [] });
  });

  it('lets an error win over a payload', () => {
    expect(toPublishResult(incoming, [{ id: 'a', payload: 1, error: 'no' }])).toEqual({ ok: true, events: [{ id: 'a', error: 'no' }] });
  });

  it('fails the publish for a non-array, an unknown id, a repeated id or a missing id', () => {
    expect(toPublishResult(incoming, { id: 'a' })).toMatchObject({ ok: false });
    expect(toPublishResult(incoming, [{ id: 'z', payload: 1 }])).toMatchObject({ ok: false });
    expect(toPublishResult(incoming, [{ id: 'a' }, { id: 'a' }])).toMatchObject({ ok: false });
    expect(toPublishResult(incoming, [{ payload: 1 }])).toMatchObject({ ok: false });
  });
});

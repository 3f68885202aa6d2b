import { describe, expect, it } from 'vitest';
import { applyReaction, summarize } from './reaction-item.ts';

describe('applyReaction', () => {
  it('adds a first reaction, then keeps the emoji in first-reaction order as others join', () => {
    const first = applyReaction([], 'ada', '👍', true);
    const second = first.ok ? applyReaction(first.entries, 'bob', '🎉', true) : first;
    const third = second.ok ? applyReaction(second.entries, 'bob', '👍', true) : second;

    expect(third).toEqual({ ok: true, changed: true, count: 2, entries: [{ e: '👍', s: ['ada', 'bob'] }, { e: '🎉', s: ['bob'] }] });
  });

  it('changes nothing when the account already reacted, or takes back what it never added', () => {
    const entries = [{ e: '👍', s: ['ada'] }];

    expect(applyReaction(entries, 'ada', '👍', true)).toEqual({ ok: true, changed: false, count: 1, entries });
    expect(applyReaction(entries, 'bob', '👍', false)).toEqual({ ok: true, changed: false, count: 1, entries });
    expect(applyReaction(entries, 'bob', '🎉', false)).toEqual({ ok: true, changed: false, count: 0, entries });
  });

  it('drops an emoji whose last reaction is taken back, freeing its place', () => {
    expect(applyReaction([{ e: '👍', s: ['ada'] }, { e: '🎉', s: ['bob'] }], 'ada', '👍', false)).toEqual({ ok: true, changed: true, count: 0, entries: [{ e: '🎉', s: ['bob'] }] });
  });

  it('refuses a 21st emoji but still counts another account on one of the 20', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => ({ e: String.fromCodePoint(0x1f600 + i), s: ['ada'] }));

    expect(applyReaction(twenty, 'bob', '🎉', true)).toEqual({ ok: false, error: 'too-many-emoji' });
    expect(applyReaction(twenty, 'bob', '😀', true)).toMatchObject({ ok: true, changed: true, count: 2 });
  });
});

describe('summarize', () => {
  it('counts each emoji and marks the reader’s own', () => {
    const entries = [{ e: '👍', s: ['ada', 'bob'] }, { e: '🎉', s: ['bob'] }];

    expect(summarize(entries, 'ada')).toEqual([{ emoji: '👍', count: 2, mine: true }, { emoji: '🎉', count: 1, mine: false }]);
    expect(summarize(entries, undefined)).toEqual([{ emoji: '👍', count: 2, mine: false }, { emoji: '🎉', count: 1, mine: false }]);
  });
});

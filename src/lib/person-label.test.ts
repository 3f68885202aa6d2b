import { describe, expect, it } from 'vitest';
import { personLabel } from './person-label.ts';

describe('personLabel', () => {
  it.each([
    [{ displayName: 'Alice', handle: 'alice' }, 'Alice @alice'],
    [{ displayName: 'alice', handle: 'imp_42' }, 'alice @imp_42'],
    [{ displayName: 'Ada', handle: '' }, 'Ada'],
  ])('names %j as %j', (person, label) => {
    expect(personLabel(person)).toBe(label);
  });
});

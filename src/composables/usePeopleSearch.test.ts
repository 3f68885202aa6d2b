import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import type { PeopleList } from '../../core/people.ts';
import { apiError } from '../test-support/fake-members.ts';
import { usePeopleSearch } from './usePeopleSearch.ts';

const bob = { sub: 'sub-bob', handle: 'bob', displayName: 'Bob' };
const bobby = { sub: 'sub-bobby', handle: 'bobby', displayName: 'Bobby' };

/** A service whose answers the test releases one by one, in any order. */
function heldService() {
  const pending: { prefix: string; resolve: (list: PeopleList) => void; reject: (error: Error) => void }[] = [];
  return {
    pending,
    searchPeople: (prefix: string) => new Promise<PeopleList>((resolve, reject) => pending.push({ prefix, resolve, reject })),
  };
}

let stop: (() => void) | undefined;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});

afterEach(() => {
  stop?.();
  vi.useRealTimers();
});

function searchWith(service: ReturnType<typeof heldService>) {
  const text = ref('');
  const scope = effectScope();
  const search = scope.run(() => usePeopleSearch(service, text, { debounceMs: 200 }))!;
  stop = () => scope.stop();
  return { text, search };
}

async function typeAndPause(text: { value: string }, value: string) {
  text.value = value;
  await nextTick();
  await vi.advanceTimersByTimeAsync(200);
}

describe('usePeopleSearch', () => {
  it('searches once per pause in typing, for the prefix the text stands for', async () => {
    const service = heldService();
    const { text, search } = searchWith(service);

    text.value = 'b';
    await nextTick();
    await vi.advanceTimersByTimeAsync(100);
    await typeAndPause(text, '@Bo');
    expect(search.status.value).toBe('loading');
    service.pending[0]!.resolve({ items: [bob, bobby] });
    await flushPromises();

    expect(service.pending.map((call) => call.prefix)).toEqual(['bo']);
    expect(search.status.value).toBe('ready');
    expect(search.people.value).toEqual([bob, bobby]);
  });

  it('keeps the answer of the latest search when an earlier one arrives after it', async () => {
    const service = heldService();
    const { text, search } = searchWith(service);

    await typeAndPause(text, 'b');
    await typeAndPause(text, 'bobb');
    service.pending[1]!.resolve({ items: [bobby] });
    await flushPromises();
    service.pending[0]!.resolve({ items: [bob, bobby] });
    await flushPromises();

    expect(search.people.value).toEqual([bobby]);
  });

  it('asks nothing for text no handle can start with, or none, and lists nobody', async () => {
    const service = heldService();
    const { text, search } = searchWith(service);
    await typeAndPause(text, 'bo');
    service.pending[0]!.resolve({ items: [bob] });
    await flushPromises();

    await typeAndPause(text, 'bob smith');
    expect(search.people.value).toEqual([]);
    expect(search.status.value).toBe('ready');
    await typeAndPause(text, '  ');

    expect(service.pending).toHaveLength(1);
    expect(search.status.value).toBe('idle');
  });

  it('asks nothing when the pause ends after the field is gone', async () => {
    const service = heldService();
    const { text } = searchWith(service);

    text.value = 'bo';
    await nextTick();
    stop?.();
    await vi.advanceTimersByTimeAsync(200);

    expect(service.pending).toEqual([]);
  });

  it('reports a failed search as status and message, and lists nobody', async () => {
    const service = heldService();
    const { text, search } = searchWith(service);

    await typeAndPause(text, 'bo');
    service.pending[0]!.reject(apiError(500, 'Internal error'));
    await flushPromises();

    expect(search.status.value).toBe('error');
    expect(search.error.value).toBe('Internal error');
    expect(search.people.value).toEqual([]);
  });
});

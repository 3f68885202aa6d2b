import { watchDebounced } from '@vueuse/core';
import { onScopeDispose, type Ref, ref, shallowRef } from 'vue';
import { checkPeopleQuery, type Person } from '../../core/people.ts';
import { describeError } from '../services/errors.ts';
import type { MembersService } from '../services/members.ts';

export type PeopleSearchStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface PeopleSearchOptions {
  /** Quiet time after the last keystroke before a search goes out: one request per pause, not per key. */
  debounceMs?: number;
}

/**
 * The people whose handle starts with what `text` says (a leading `@`, capitals and spaces are
 * fine), searched as one types. Text no handle can start with, or none, searches nothing and
 * lists nobody. A later search wins over an earlier answer that arrives after it.
 */
export function usePeopleSearch(service: Pick<MembersService, 'searchPeople'>, text: Ref<string>, options: PeopleSearchOptions = {}) {
  const people = shallowRef<Person[]>([]);
  const status = ref<PeopleSearchStatus>('idle');
  const error = ref<string | null>(null);
  let runs = 0;
  let disposed = false;
  // A pause that ends after the field is gone (the dialog closed on a choice) asks nothing.
  onScopeDispose(() => (disposed = true));

  async function search(value: string): Promise<void> {
    if (disposed) return;
    const run = (runs += 1);
    const query = checkPeopleQuery(value);
    if (!query.ok || query.value === null) {
      people.value = [];
      status.value = query.ok ? 'ready' : 'idle';
      return;
    }
    status.value = 'loading';
    try {
      const found = await service.searchPeople(query.value);
      if (run !== runs) return;
      people.value = found.items;
      status.value = 'ready';
      error.value = null;
    } catch (cause) {
      if (run !== runs) return;
      people.value = [];
      status.value = 'error';
      error.value = describeError(cause);
    }
  }

  watchDebounced(text, (value) => void search(value), { debounce: options.debounceMs ?? 200 });

  return { people, status, error };
}

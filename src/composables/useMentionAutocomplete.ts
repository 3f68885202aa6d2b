import { computed, type Ref, ref, watch } from 'vue';
import type { Person } from '../../core/people.ts';
import { completeMention, mentionAtCaret } from '../lib/mention-text.ts';
import type { MembersService } from '../services/members.ts';
import { usePeopleSearch } from './usePeopleSearch.ts';

/**
 * `@` autocomplete for a text field: while the caret is in an `@…` word, the people whose handle
 * starts with it are listed (the people search, debounced); Up and Down mark one, Enter or Tab
 * puts `@handle ` in its place, Escape closes the list. `caret` reads the field's caret.
 */
export function useMentionAutocomplete(service: Pick<MembersService, 'searchPeople'>, text: Ref<string>, caret: () => number) {
  const at = ref<{ start: number; query: string } | null>(null);
  const query = computed(() => (at.value && at.value.query.length > 0 ? at.value.query : ''));
  const search = usePeopleSearch(service, query);
  const active = ref(0);
  const dismissed = ref(false);
  const open = computed(() => at.value !== null && !dismissed.value && query.value !== '' && search.people.value.length > 0);

  watch(search.people, () => (active.value = 0));

  /** After each input or caret move: is the caret in an `@…` word? */
  function update(): void {
    const next = mentionAtCaret(text.value, caret());
    // Typing on (or moving to another `@…` word) brings the list back after Escape or a blur.
    if (next?.start !== at.value?.start || next?.query !== at.value?.query) dismissed.value = false;
    at.value = next;
  }

  /** Puts `@handle ` in place of the word; returns where the caret goes. */
  function choose(person: Person): number | null {
    if (!at.value) return null;
    const done = completeMention(text.value, at.value.start, caret(), person.handle);
    text.value = done.text;
    at.value = null;
    return done.caret;
  }

  /** Handles a key while the list is open; returns the new caret when a person was chosen, true when the key was used. */
  function onKeydown(event: KeyboardEvent): number | boolean {
    if (!open.value) return false;
    const count = search.people.value.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      active.value = (active.value + (event.key === 'ArrowDown' ? 1 : -1) + count) % count;
    } else if (event.key === 'Escape') {
      dismissed.value = true;
    } else if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey) {
      const person = search.people.value[active.value];
      event.preventDefault();
      return person ? (choose(person) ?? true) : true;
    } else {
      return false;
    }
    event.preventDefault();
    event.stopPropagation();
    return true;
  }

  /** The field lost focus: the list closes until the caret enters an `@…` word again. */
  function dismiss(): void {
    dismissed.value = true;
  }

  return { open, people: search.people, status: search.status, active, update, choose, onKeydown, dismiss };
}

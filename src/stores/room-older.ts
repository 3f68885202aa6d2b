import { ref } from 'vue';
import type { MessagePage } from '../../core/history-api.ts';
import type { TimelineInput } from '../../core/timeline.ts';

export type OlderStatus = 'idle' | 'loading' | 'done' | 'error';

export interface OlderPagesDeps {
  /** The page before `cursor` (`before=`), newest first. */
  fetchBefore(cursor: string | undefined): Promise<MessagePage>;
  record(input: TimelineInput): void;
  /** Whether the room shows its timeline: scrollback continues it only then. */
  ready(): boolean;
  /** The room's opening: an answer that arrives after the room closed or reopened is dropped. */
  opening(): number;
}

/**
 * A room's scrollback: older pages fetched on request (`before=` the cursor of the page shown
 * last) and merged into the room's timeline, until the start of the room.
 */
export function createOlderPages(deps: OlderPagesDeps) {
  const status = ref<OlderStatus>('idle');
  let cursor: string | undefined;

  /** A newest page was shown (or, without `page`, the room closed): scrollback continues from it. */
  function restart(page?: MessagePage): void {
    cursor = page?.nextCursor;
    status.value = page === undefined || page.nextCursor ? 'idle' : 'done';
  }

  async function loadOlder(): Promise<void> {
    if (!deps.ready() || (status.value !== 'idle' && status.value !== 'error')) return;
    const since = deps.opening();
    status.value = 'loading';
    try {
      const page = await deps.fetchBefore(cursor);
      if (since !== deps.opening()) return;
      deps.record({ kind: 'history', items: page.items });
      restart(page);
    } catch {
      if (since === deps.opening()) status.value = 'error';
    }
  }

  return { status, restart, loadOlder };
}

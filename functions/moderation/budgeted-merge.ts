/**
 * The one search loop behind every moderation list: merges newest-first sources (DynamoDB
 * queries over index partitions) by id, keeps the items a predicate accepts, and stops at the page
 * size or at a read budget, whichever comes first. Pure apart from calling the sources, so it is
 * tested with in-memory ones.
 */

/** A newest-first stream of items, read in chunks. */
export interface Source<T> {
  /** Up to `max` further items (fewer at a 1 MB page end); `read` is how many the store read. */
  read(max: number): Promise<{ items: T[]; done: boolean; read: number }>;
  /**
   * No item of the source has a greater id (e.g. from a room's last message time). A source that
   * says so is not read until the merge reaches its bound, so a search over many quiet sources
   * (thousands of rooms nobody wrote in lately) reads only those that can hold what it shows.
   */
  newest?: string;
}

export interface MergeOptions<T> {
  sources: Source<T>[];
  id(item: T): string;
  matches(item: T): boolean;
  limit: number;
  /** Items read per request, at most (the first chunk of each source is always read). */
  budget: number;
}

export interface MergeResult<T> {
  items: T[];
  /** The id to continue below, when more items may match. */
  continueBelow?: string;
  /** The budget ran out before the page was full. */
  truncated: boolean;
  itemsRead: number;
}

const CHUNK_MAX = 200;

export async function budgetedMerge<T>(options: MergeOptions<T>): Promise<MergeResult<T>> {
  const { sources, id, matches, limit, budget } = options;
  // One source: read the page and one more at once. Several: a fair share each, grown as needed.
  const firstChunk = Math.min(CHUNK_MAX, Math.max(1, Math.ceil((limit + 1) / Math.max(1, sources.length))));
  const lanes = sources.map((source) => ({ source, buffer: [] as T[], done: false, opened: false, chunk: firstChunk }));
  const items: T[] = [];
  let itemsRead = 0;
  let lastExamined: string | undefined;
  let first = true;

  for (;;) {
    const starving = needed(lanes, id);
    if (starving.length > 0) {
      if (!first && itemsRead >= budget && lastExamined !== undefined) {
        return { items, continueBelow: lastExamined, truncated: true, itemsRead };
      }
      const share = first ? Infinity : Math.max(1, Math.floor((budget - itemsRead) / starving.length));
      first = false;
      await Promise.all(
        starving.map(async (lane) => {
          const page = await lane.source.read(Math.min(lane.chunk, share));
          lane.buffer.push(...page.items);
          lane.done = page.done;
          lane.opened = true;
          itemsRead += page.read;
          lane.chunk = Math.min(CHUNK_MAX, lane.chunk * 2);
        }),
      );
      continue;
    }
    let top: (typeof lanes)[number] | undefined;
    for (const lane of lanes) {
      if (lane.buffer.length > 0 && (top === undefined || id(lane.buffer[0]!) > id(top.buffer[0]!))) top = lane;
    }
    if (top === undefined) return { items, truncated: false, itemsRead };
    const item = top.buffer.shift()!;
    lastExamined = id(item);
    if (!matches(item)) continue;
    items.push(item);
    if (items.length === limit) {
      // Every buffered item is older than this one: a match among them, or an unread source, means more.
      const more = lanes.some((lane) => !lane.done || lane.buffer.some(matches));
      return { items, continueBelow: more ? lastExamined : undefined, truncated: false, itemsRead };
    }
  }
}

interface Lane<T> {
  source: Source<T>;
  buffer: T[];
  done: boolean;
  opened: boolean;
  chunk: number;
}

/**
 * The lanes to read before the next item can be chosen: every opened lane whose buffer ran dry,
 * and every unopened one whose bound is above the newest buffered item (it may hold something
 * newer) or that has no bound. With nothing buffered, only the unopened lane with the highest
 * bound opens, and the ones it does not outrank wait for the next round.
 */
function needed<T>(lanes: Lane<T>[], id: (item: T) => string): Lane<T>[] {
  const heads = lanes.filter((lane) => lane.buffer.length > 0).map((lane) => id(lane.buffer[0]!));
  const head = heads.length === 0 ? undefined : heads.reduce((a, b) => (a > b ? a : b));
  const waiting = lanes.filter((lane) => lane.buffer.length === 0 && !lane.done);
  const dry = waiting.filter((lane) => lane.opened || lane.source.newest === undefined);
  const bounded = waiting.filter((lane) => !lane.opened && lane.source.newest !== undefined);
  if (head !== undefined) return [...dry, ...bounded.filter((lane) => lane.source.newest! > head)];
  if (dry.length > 0 || bounded.length === 0) return dry;
  const highest = bounded.reduce((a, b) => (a.source.newest! >= b.source.newest! ? a : b));
  return [highest];
}

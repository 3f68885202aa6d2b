import type { TimelineEntry } from '../../../core/timeline.ts';

const AUTHORS = ['Ada', 'Bob', 'Chidi', 'Dana'].map((name) => ({ sub: `sub-${name}`, handle: name.toLowerCase(), displayName: name, moderator: false }));
const WORDS = (
  'the room list shows unread counts and the newest message arrives over the socket while history pages load older ' +
  'messages from the table so scrolling up keeps what is on screen exactly where it was even when heights change ' +
  'https://example.com/a/long/link/that/wraps somewhere 🙂 deploy tomorrow review coffee lunch bug fixed merged'
).split(' ');

/** A deterministic pseudo-random generator (mulberry32), so every run renders the same messages. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` chat messages, oldest first, with the spread of heights a room has: mostly one line,
 * some paragraphs, a few long ones, in runs by one author (grouped under one header) or not.
 */
export function benchMessages(count: number, now: number): TimelineEntry[] {
  const next = random(42);
  const entries: TimelineEntry[] = [];
  let author = AUTHORS[0]!;
  for (let i = 0; i < count; i += 1) {
    if (next() < 0.45) author = AUTHORS[Math.floor(next() * AUTHORS.length)] ?? author;
    const roll = next();
    const words = roll < 0.6 ? 2 + Math.floor(next() * 10) : roll < 0.9 ? 15 + Math.floor(next() * 30) : 60 + Math.floor(next() * 80);
    const text = Array.from({ length: words }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
    const id = `m${String(i).padStart(6, '0')}`;
    const createdAt = new Date(now - (count - i) * 60_000).toISOString();
    entries.push({ kind: 'message', key: id, message: { id, roomId: 'bench', text, author, createdAt, clientMsgId: `c${id}` } });
  }
  return entries;
}

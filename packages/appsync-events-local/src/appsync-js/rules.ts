/**
 * The rules the checker applies, named as `@aws-appsync/eslint-plugin` names them where that
 * plugin has one (`no-throw`, `no-unsupported-globals` and `syntax-error` come from AppSync's
 * documented runtime limits instead). Each value is what the rule refuses, for docs and errors.
 */
export const APPSYNC_JS_RULES = {
  'syntax-error': 'code that does not parse as an ES module',
  'no-try': '`try`, `catch` and `finally`',
  'no-throw': '`throw` (use `util.error`)',
  'no-while': '`while` and `do…while` loops',
  'no-for': 'classic `for (init; test; update)` loops (`for…of` and `for…in` are supported)',
  'no-continue': '`continue`',
  'no-labels': 'labeled statements',
  'no-disallowed-unary-operators': 'the `++`, `--` and `~` operators',
  'no-in-operator': 'the `in` operator (use `Object.hasOwn`)',
  'no-disallowed-binary-operators': 'the `instanceof` operator',
  'no-async': '`async` functions',
  'no-await': '`await`',
  'no-generators': 'generator functions (`function*`)',
  'no-yield': '`yield`',
  'no-classes': 'class declarations and class expressions',
  'no-this': '`this`',
  'no-regex': 'regular expression literals',
  'no-promise': '`Promise`',
  'no-unsupported-globals': 'globals the runtime lacks (`Map`, `Set`, `Symbol`, `RegExp`, `Proxy`, `Reflect`, `Intl`, `eval`, `Function`, typed arrays, timers, `fetch`, `process`…)',
  'no-disallowed-methods': 'built-in methods the runtime does not implement (`Object.freeze`, `Array.from`, `padStart`, `repeat`, `Date` setters…)',
  'no-recursion': 'functions that call themselves, directly or through others',
  'no-function-passing': 'passing a function as an argument, except to `map`, `filter`, `find`, `findIndex`, `findLast`, `findLastIndex`, `forEach`, `reduce`, `reduceRight`, `every`, `some` and `flatMap`',
  'no-function-return': 'returning a function',
  'no-function-reassign': 'assigning a function to another name',
  'no-disallowed-re-assignment': 'reassigning a handler\'s context argument or one of its properties (`ctx.stash.x = …` is fine)',
} as const;

export type AppSyncJsRule = keyof typeof APPSYNC_JS_RULES;

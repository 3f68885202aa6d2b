import type { AnyNode } from 'acorn';
import { isReference, propertyName } from './ast.ts';
import { resolve } from './scope.ts';
import type { RuleVisitor, VisitContext } from './walk.ts';

/**
 * Globals of ES or of Node and browsers that the APPSYNC_JS runtime does not define. A deny list,
 * not an allow list: a name the runtime may have (`console`, `util`, `Math`) is never refused.
 */
const UNSUPPORTED_GLOBALS = new Set([
  'Proxy', 'Reflect', 'WeakRef', 'FinalizationRegistry', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Symbol', 'RegExp',
  'Intl', 'eval', 'Function', 'WebAssembly', 'SharedArrayBuffer', 'Atomics', 'ArrayBuffer', 'DataView',
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
  'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array', 'BigInt', 'AggregateError', 'EvalError',
  'escape', 'unescape', 'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval',
  'clearImmediate', 'queueMicrotask', 'structuredClone', 'fetch', 'process', 'require', 'module', 'Buffer',
  'TextEncoder', 'TextDecoder', 'URL', 'URLSearchParams', 'atob', 'btoa', 'crypto',
]);

/** Static methods of `Object`, `Array` and `String` the runtime does not implement. */
const DENIED_STATICS: Record<string, readonly string[]> = {
  Object: [
    'create', 'defineProperties', 'defineProperty', 'freeze', 'getOwnPropertyDescriptor', 'getOwnPropertyDescriptors',
    'getOwnPropertyNames', 'getOwnPropertySymbols', 'getPrototypeOf', 'is', 'isExtensible', 'isFrozen', 'isSealed',
    'preventExtensions', 'seal', 'setPrototypeOf',
  ],
  Array: ['from', 'of'],
  String: ['fromCharCode', 'fromCodePoint', 'raw'],
};

/**
 * Instance methods the runtime does not implement, recognised by name (the code carries no
 * types), so only names a handler's own objects are unlikely to use: `keys`, `values`,
 * `entries`, `toString` and `search` are left out, as a plain object may well have them.
 */
const DENIED_METHODS = new Set([
  'copyWithin', 'group', 'groupToMap', 'charCodeAt', 'localeCompare', 'matchAll', 'padEnd', 'padStart', 'repeat',
  'toLocaleLowerCase', 'toLocaleUpperCase', 'toLocaleString', 'toLocaleDateString', 'toLocaleTimeString',
  'toGMTString', 'setDate', 'setFullYear', 'setHours', 'setMilliseconds', 'setMinutes', 'setMonth', 'setSeconds',
  'setTime', 'setUTCDate', 'setUTCFullYear', 'setUTCHours', 'setUTCMilliseconds', 'setUTCMinutes', 'setUTCMonth',
  'setUTCSeconds', 'setYear',
]);

function isGlobal(name: string, context: VisitContext): boolean {
  return resolve(context.scope, name) === undefined;
}

function checkGlobal(node: AnyNode, context: VisitContext): void {
  if (node.type !== 'Identifier' || !isReference(node, context.parent) || !isGlobal(node.name, context)) return;
  if (node.name === 'Promise') context.report('no-promise', node, 'Promise is not supported');
  else if (UNSUPPORTED_GLOBALS.has(node.name)) context.report('no-unsupported-globals', node, `${node.name} is not available`);
}

function checkMethod(node: AnyNode, context: VisitContext): void {
  if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return;
  const { object, property, computed } = node.callee;
  const name = propertyName(property, computed);
  if (name === undefined) return;
  if (object.type === 'Identifier' && isGlobal(object.name, context)) {
    if (DENIED_STATICS[object.name]?.includes(name)) {
      context.report('no-disallowed-methods', node, `${object.name}.${name} is not implemented`);
    }
    return;
  }
  if (DENIED_METHODS.has(name)) context.report('no-disallowed-methods', node, `the ${name} method is not implemented`);
}

/** Built-in objects and methods the runtime lacks. */
export const builtinRules: RuleVisitor = {
  visit(node, context) {
    checkGlobal(node, context);
    checkMethod(node, context);
  },
};

import { VM_DYNAMODB_EXPRESSIONS_SOURCE } from './vm-dynamodb-expressions.ts';
import { VM_DYNAMODB_MODULE_SOURCE } from './vm-dynamodb-module.ts';

/**
 * Source of the code that prepares a handler VM context. It runs inside the context, so it is
 * plain JavaScript in a string. It:
 * - builds `util`, `runtime` and `extensions` as functions of the VM's own realm that reach the
 *   host only through `bridge`, which passes JSON strings both ways: handler code never touches
 *   a host object, so it cannot climb to the host's `Function` or `process`;
 * - removes the built-ins APPSYNC_JS lacks (Promise, Proxy, Reflect, Map, Set, RegExp, Intl,
 *   typed arrays, WebAssembly…); `eval` and `new Function` are off through `codeGeneration`;
 * - installs `__appsyncEventsLocal`, the one entry point the host calls: `define` evaluates the bundle
 *   (converted to CommonJS) with a `require` that knows `@aws-appsync/utils` and its `/dynamodb`
 *   request builders (vm-dynamodb-module.ts), and `run` calls one handler phase and answers in JSON.
 *
 * `util.error`, `util.unauthorized` and `runtime.earlyReturn` report to the host first, then
 * unwind with a private token; the host's record decides the outcome.
 */

/** Host object the bootstrap function receives; every value crossing it is a string. */
export interface VmBridge {
  /** JSON array of the dotted names of the host `util` functions. */
  names(): string;
  /** Calls a host `util` function; answers `{"ok":true,"value":…}` or `{"ok":false,"message":…}`. */
  call(name: string, argsJson: string): string;
  /** Reports `error`, `unauthorized` or `earlyReturn` with the JSON of its arguments. */
  stop(kind: string, argsJson: string): void;
  /** The pending call (`{"handler","phase","ctx"}`) as JSON, once; '' when none is pending. */
  take(): string;
  log(level: string, message: string): void;
}

export const VM_BOOTSTRAP_SOURCE = `(function (bridge) {
  'use strict';
  const global = globalThis;
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  const STOP = {};

  function describe(error) {
    try {
      if (error !== null && typeof error === 'object' && typeof error.message === 'string') {
        return (typeof error.name === 'string' ? error.name + ': ' : '') + error.message;
      }
      return String(error);
    } catch (_) {
      return 'unprintable error';
    }
  }
  function format(value) {
    if (typeof value === 'string') return value;
    try {
      const json = stringify(value);
      return json === undefined ? String(value) : json;
    } catch (_) {
      return describe(value);
    }
  }
  function hostCall(name, args) {
    const reply = parse(bridge.call(name, stringify(args)));
    if (reply.ok) return reply.value;
    throw new Error(reply.message);
  }
  function stop(kind, args) {
    bridge.stop(kind, stringify(args));
    throw STOP;
  }

  const util = {};
  parse(bridge.names()).forEach((name) => {
    const path = name.split('.');
    let target = util;
    path.slice(0, -1).forEach((key) => {
      if (target[key] === undefined) target[key] = {};
      target = target[key];
    });
    target[path[path.length - 1]] = (...args) => hostCall(name, args);
  });
  const isNull = (v) => v === null || v === undefined;
  const isList = (v) => Array.isArray(v);
  const isMap = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const isNullOrEmpty = (v) => isNull(v) || v === '';
  const isNullOrBlank = (v) => isNull(v) || (typeof v === 'string' && v.trim() === '');
  Object.assign(util, {
    error: (...args) => stop('error', args),
    unauthorized: () => stop('unauthorized', []),
    isNull,
    isNullOrEmpty,
    isNullOrBlank,
    defaultIfNull: (v, fallback) => (isNull(v) ? fallback : v),
    defaultIfNullOrEmpty: (v, fallback) => (isNullOrEmpty(v) ? fallback : v),
    defaultIfNullOrBlank: (v, fallback) => (isNullOrBlank(v) ? fallback : v),
    isString: (v) => typeof v === 'string',
    isNumber: (v) => typeof v === 'number',
    isBoolean: (v) => typeof v === 'boolean',
    isList,
    isMap,
    typeOf: (v) =>
      isNull(v) ? 'Null'
        : isList(v) ? 'List'
        : typeof v === 'string' ? 'String'
        : typeof v === 'number' ? 'Number'
        : typeof v === 'boolean' ? 'Boolean'
        : isMap(v) ? 'Map'
        : 'Object',
  });
  const runtime = { earlyReturn: (obj) => stop('earlyReturn', [obj]) };
  const graphqlOnly = (name) => () => {
    throw new Error('extensions.' + name + ' is GraphQL-only; Event API handlers cannot use it');
  };
  const extensions = {
    evictFromApiCache: graphqlOnly('evictFromApiCache'),
    setSubscriptionFilter: graphqlOnly('setSubscriptionFilter'),
    setSubscriptionInvalidationFilter: graphqlOnly('setSubscriptionInvalidationFilter'),
    invalidateSubscriptions: graphqlOnly('invalidateSubscriptions'),
  };
  const utilsModule = { util, runtime, extensions };

  // @aws-appsync/utils/dynamodb and util.transform: built here from the objects the handler
  // passes, as AppSync's own helpers build them.
  const expressions = (${VM_DYNAMODB_EXPRESSIONS_SOURCE})(util);
  const dynamodbModule = (${VM_DYNAMODB_MODULE_SOURCE})(expressions);
  util.transform = {
    toDynamoDBFilterExpression: (filter) => stringify(expressions.filterExpression(filter) || null),
    toDynamoDBConditionExpression: (condition) => stringify(expressions.filterExpression(condition) || null),
  };

  function requireShim(name) {
    if (name === '@aws-appsync/utils') return utilsModule;
    if (name === '@aws-appsync/utils/dynamodb') return dynamodbModule;
    throw new Error("Cannot find module '" + name + "': the local sandbox provides @aws-appsync/utils and @aws-appsync/utils/dynamodb");
  }

  const sandboxConsole = {};
  ['log', 'info', 'warn', 'error', 'debug'].forEach((level) => {
    sandboxConsole[level] = (...args) => bridge.log(level, args.map(format).join(' '));
  });

  [
    'Promise', 'Proxy', 'Reflect', 'WeakRef', 'FinalizationRegistry', 'Map', 'Set', 'WeakMap', 'WeakSet',
    'Symbol', 'RegExp', 'Intl', 'eval', 'Function', 'WebAssembly', 'SharedArrayBuffer', 'Atomics',
    'ArrayBuffer', 'DataView', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
    'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array', 'BigInt',
    'AggregateError', 'EvalError', 'escape', 'unescape',
  ].forEach((name) => {
    delete global[name];
  });
  global.console = sandboxConsole;

  function formOf(value) {
    if (value === undefined) return 'none';
    if (typeof value === 'function') return 'function';
    if (value !== null && typeof value === 'object' && typeof value.request === 'function' && typeof value.response === 'function') {
      return 'requestResponse';
    }
    return 'invalid';
  }
  function crash(message) {
    return stringify({ kind: 'crash', message });
  }

  let handlerExports = null;
  const entry = Object.freeze({
    define(factory) {
      if (handlerExports !== null) throw new Error('The handler module is already defined');
      const module = { exports: {} };
      factory(module.exports, requireShim, module);
      handlerExports = module.exports;
      return stringify({ onPublish: formOf(handlerExports.onPublish), onSubscribe: formOf(handlerExports.onSubscribe) });
    },
    run() {
      const pending = bridge.take();
      if (pending === '') return crash('No handler call is pending');
      const call = parse(pending);
      const exported = handlerExports[call.handler];
      const name = call.phase === 'function' ? call.handler : call.handler + '.' + call.phase;
      const target = call.phase === 'function' ? exported : exported && exported[call.phase];
      if (typeof target !== 'function') return crash(name + ' is not a function');
      const ctx = call.ctx;
      let value;
      try {
        value = target(ctx);
      } catch (error) {
        if (error === STOP) return stringify({ kind: 'stopped' });
        if (error !== null && typeof error === 'object' && typeof error.stack === 'string') bridge.log('error', error.stack);
        return crash(name + ' failed: ' + describe(error));
      }
      if (value !== null && typeof value === 'object' && typeof value.then === 'function') {
        return crash(name + ' returned a Promise; APPSYNC_JS handlers are synchronous');
      }
      try {
        return stringify({ kind: 'returned', value: value === undefined ? null : value, stash: ctx.stash });
      } catch (error) {
        return crash(name + ' returned a value that is not JSON: ' + describe(error));
      }
    },
  });
  Object.defineProperty(global, '__appsyncEventsLocal', { value: entry, writable: false, configurable: false, enumerable: false });
})`;

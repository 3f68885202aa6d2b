import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import vm from 'node:vm';
import { transform } from 'esbuild';
import { handlerCrash } from './handler-errors.ts';
import type { HandlerForm, HandlerModule, HandlerName, PhaseOutcome } from './handler-module.ts';
import { createInvocation, stopInvocation } from './invocation.ts';
import type { Invocation } from './invocation.ts';
import { createUtilFunctions } from './util-functions.ts';
import { VM_BOOTSTRAP_SOURCE } from './vm-bootstrap.ts';
import type { VmBridge } from './vm-bootstrap.ts';

/** Time limit for evaluating the module's top level. */
export const MODULE_LOAD_TIMEOUT_MS = 5_000;

type VmReply = { kind: 'returned'; value: unknown; stash: Record<string, unknown> } | { kind: 'stopped' } | { kind: 'crash'; message: string };

const CONSOLE_LEVELS: readonly string[] = ['log', 'info', 'warn', 'error', 'debug'];
type ConsoleLevel = 'log' | 'info' | 'warn' | 'error' | 'debug';

const UTIL_NAMES = JSON.stringify(
  Object.keys(createUtilFunctions({ now: () => new Date(), identity: null, appendError: () => undefined })),
);
const RUN_SCRIPT = new vm.Script('__appsyncEventsLocal.run()', { filename: 'appsync-events-local-sandbox-run.js' });

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function callUtil(invocation: Invocation, name: string, argsJson: string): string {
  const fn = invocation.util[name];
  if (fn === undefined) return JSON.stringify({ ok: false, message: `util.${name} is not available` });
  try {
    const args = JSON.parse(argsJson) as unknown[];
    return JSON.stringify({ ok: true, value: fn(...args) ?? null });
  } catch (error) {
    return JSON.stringify({ ok: false, message: errorMessage(error) });
  }
}

/**
 * Reads a handler bundle written by `buildHandlers` and evaluates it in a fresh `node:vm`
 * context offering APPSYNC_JS's language and `@aws-appsync/utils`, nothing of Node. Only the
 * module format changes (ESM → CommonJS, so `import` becomes the sandbox's `require`).
 * Rejects if the file is missing or its top level fails.
 */
export async function loadHandlerModule(bundleFile: string): Promise<HandlerModule> {
  return loadHandlerSource(await readFile(bundleFile, 'utf8'), bundleFile);
}

/** {@link loadHandlerModule} for source already in hand (a template's inline `CodeHandlers`); `bundleFile` names it in messages. */
export async function loadHandlerSource(source: string, bundleFile: string): Promise<HandlerModule> {
  const { code } = await transform(source, { format: 'cjs', loader: 'js', sourcefile: bundleFile });

  let current: Invocation | null = null;
  let pending = '';
  const bridge: VmBridge = {
    names: () => UTIL_NAMES,
    call: (name, argsJson) =>
      current === null ? JSON.stringify({ ok: false, message: 'No handler is running' }) : callUtil(current, name, argsJson),
    stop: (kind, argsJson) => {
      if (current !== null) stopInvocation(current, kind, argsJson);
    },
    take: () => {
      const call = pending;
      pending = '';
      return call;
    },
    log: (level, message) => current?.log(CONSOLE_LEVELS.includes(level) ? (level as ConsoleLevel) : 'log', message),
  };

  const context = vm.createContext(
    {},
    {
      name: `handler ${basename(bundleFile)}`,
      codeGeneration: { strings: false, wasm: false },
      // Microtasks (an async function slipped past lint) then run inside the time limit.
      microtaskMode: 'afterEvaluate',
    },
  );
  const bootstrap = new vm.Script(VM_BOOTSTRAP_SOURCE, { filename: 'appsync-events-local-sandbox-bootstrap.js' }).runInContext(context) as (
    bridge: VmBridge,
  ) => void;
  bootstrap(bridge);

  const moduleScript = new vm.Script(`__appsyncEventsLocal.define(function (exports, require, module) {'use strict';\n${code}\n});`, {
    filename: bundleFile,
    lineOffset: -1,
  });
  const loading = createInvocation({ namespace: basename(bundleFile), operation: 'PUBLISH', identity: null, now: () => new Date() });
  current = loading;
  let forms: Record<HandlerName, HandlerForm>;
  try {
    forms = JSON.parse(moduleScript.runInContext(context, { timeout: MODULE_LOAD_TIMEOUT_MS }) as string) as Record<HandlerName, HandlerForm>;
  } catch (error) {
    const reason = loading.stop?.kind === 'error' ? loading.stop.error.message : errorMessage(error);
    throw new Error(`Cannot load handler module ${bundleFile}: ${reason}`);
  } finally {
    current = null;
  }

  return {
    file: bundleFile,
    forms,
    run(call, invocation, timeoutMs): PhaseOutcome {
      let reply: VmReply;
      pending = JSON.stringify(call);
      current = invocation;
      try {
        reply = JSON.parse(RUN_SCRIPT.runInContext(context, { timeout: timeoutMs }) as string) as VmReply;
      } catch (error) {
        // Only the VM's termination (the time limit) gets here: `run` answers everything else.
        reply = { kind: 'crash', message: `${call.handler} ${errorMessage(error)}` };
      } finally {
        current = null;
        pending = '';
      }
      const stop = invocation.stop;
      if (stop?.kind === 'error') return stop;
      if (stop?.kind === 'earlyReturn') return stop;
      if (reply.kind === 'returned') return reply;
      return { kind: 'error', error: handlerCrash(reply.kind === 'crash' ? reply.message : `${call.handler} stopped without a reason`) };
    },
  };
}

/**
 * One execution environment for a function's deployed code: the asset folder NodejsFunction
 * bundled, run in a worker thread of its own. The worker's `process.env` is the function's
 * environment alone (bundled code reads it at module scope, as on Lambda), the module is imported
 * once (the cold start) and its handler export serves every invocation after it. The heap is
 * capped at the function's memory setting.
 */
import type { Context } from 'aws-lambda';
import { Worker } from 'node:worker_threads';

/** Plain-data part of the Lambda `Context`; the worker adds `getRemainingTimeInMillis`. */
export type ContextData = Omit<Context, 'getRemainingTimeInMillis' | 'done' | 'fail' | 'succeed'> & { deadline: number };

interface Reply {
  id: number;
  ok: boolean;
  /** The result as JSON (it crosses the wire as JSON on Lambda too). */
  result?: string;
  error?: { name: string; message: string; stack?: string; init: boolean };
}

/** Thrown when the module fails to load or has no such handler: Lambda retries the cold start next time. */
export class FunctionInitError extends Error {
  override name = 'Runtime.ImportModuleError';
}

// CommonJS, evaluated by the worker: imports `<dir>/<module>.{mjs,js,cjs}` as Lambda's Node.js
// runtime does, then answers one message per invocation.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const [moduleName, exportName] = [workerData.handler.slice(0, workerData.handler.lastIndexOf('.')), workerData.handler.slice(workerData.handler.lastIndexOf('.') + 1)];
const file = ['.mjs', '.js', '.cjs'].map((ext) => join(workerData.dir, moduleName + ext)).find((path) => existsSync(path));
const loaded = file === undefined
  ? Promise.reject(Object.assign(new Error('Cannot find module ' + moduleName + ' in ' + workerData.dir), { name: 'Runtime.ImportModuleError' }))
  : import(pathToFileURL(file).href).then((mod) => {
      const handler = mod[exportName];
      if (typeof handler !== 'function') throw Object.assign(new Error(workerData.handler + ' is undefined or not exported'), { name: 'Runtime.HandlerNotFound' });
      return handler;
    });
const describe = (error, init) => error instanceof Error
  ? { name: error.name, message: error.message, stack: error.stack, init }
  : { name: 'Error', message: String(error), init };
parentPort.on('message', ({ id, event, context }) => {
  let initialised = false;
  loaded
    .then((handler) => {
      initialised = true;
      return handler(event, { ...context, getRemainingTimeInMillis: () => Math.max(0, context.deadline - Date.now()) });
    })
    .then(
      (result) => parentPort.postMessage({ id, ok: true, result: JSON.stringify(result === undefined ? null : result) }),
      (error) => parentPort.postMessage({ id, ok: false, error: describe(error, !initialised) }),
    )
    .catch((error) => parentPort.postMessage({ id, ok: false, error: describe(error, false) }));
});
`;

export interface BundledFunctionOptions {
  /** The staged asset folder. */
  dir: string;
  /** `module.export`, as the template's `Handler`. */
  handler: string;
  /** The whole environment the code sees. */
  env: Record<string, string>;
  memoryMb: number;
}

export interface BundledFunction {
  invoke(event: unknown, context: ContextData): Promise<unknown>;
  /** Ends the environment (after a timeout, an init error or on close); pending invocations reject. */
  terminate(): void;
}

function revive(error: NonNullable<Reply['error']>): Error {
  const revived = error.init ? new FunctionInitError(error.message) : new Error(error.message);
  if (!error.init || error.name.startsWith('Runtime.')) revived.name = error.name;
  revived.stack = error.stack;
  return revived;
}

export function startBundledFunction(options: BundledFunctionOptions): BundledFunction {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    env: options.env,
    workerData: { dir: options.dir, handler: options.handler },
    resourceLimits: { maxOldGenerationSizeMb: options.memoryMb },
    // The bundle is plain JavaScript: none of this process's flags (a TypeScript loader) are needed.
    execArgv: [],
  });
  // A warm environment must not keep the local cloud's process alive on its own.
  worker.unref();
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let ended: Error | undefined;
  const failAll = (error: Error): void => {
    ended ??= error;
    for (const entry of pending.values()) entry.reject(error);
    pending.clear();
  };
  worker.on('message', (reply: Reply) => {
    const entry = pending.get(reply.id);
    if (!entry) return;
    pending.delete(reply.id);
    if (reply.ok) entry.resolve(JSON.parse(reply.result ?? 'null'));
    else entry.reject(revive(reply.error!));
  });
  worker.on('error', (error) => {
    const crashed = new Error(error.message);
    crashed.name = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'Runtime.OutOfMemory' : 'Runtime.ExitError';
    failAll(crashed);
  });
  worker.on('exit', (code) => failAll(Object.assign(new Error(`The function's environment exited (code ${code})`), { name: 'Runtime.ExitError' })));
  return {
    invoke(event, context) {
      if (ended) return Promise.reject(ended);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, event, context });
      });
    },
    terminate() {
      failAll(Object.assign(new Error('The function\'s environment was stopped'), { name: 'Runtime.ExitError' }));
      void worker.terminate();
    },
  };
}

/**
 * Failure injection for the local cloud, so reconnect and retry paths can be tested. One
 * instance per local cloud; the events service and the Lambda runner consult it. Tests drive
 * it programmatically, or over HTTP through `POST /_local/faults` on the events port.
 */

export interface LambdaFault {
  /** Delay every invocation by this many milliseconds. */
  delayMs?: number;
  /** Fail this many upcoming invocations, then behave again. */
  failNext?: number;
  /** Fail each invocation with this probability (0–1), drawn from `random`. */
  failRate?: number;
}

export interface FaultsState {
  lambdas: Partial<Record<string, LambdaFault>>;
}

export type DropConnectionsListener = (filter: { sub?: string }) => number;

export class InjectedFault extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InjectedFault';
  }
}

export interface Faults {
  /** The functions a fault may name (the template's); unset: any name. */
  readonly functionNames?: readonly string[];
  /** Set (replace) the fault for one function; `undefined` clears it. */
  setLambdaFault(name: string, fault: LambdaFault | undefined): void;
  /** Called by the Lambda runner before each invocation: waits, then throws if it should fail. */
  beforeInvoke(name: string): Promise<void>;
  /** Drop WebSocket connections (all, or those of the user with this `sub`); returns how many were dropped. */
  dropConnections(filter?: { sub?: string }): number;
  /** The events service registers how connections are dropped. */
  onDropConnections(listener: DropConnectionsListener): void;
  clear(): void;
  snapshot(): FaultsState;
}

export function createFaults(random: () => number = Math.random, functionNames?: readonly string[]): Faults {
  const lambdas: Partial<Record<string, LambdaFault>> = {};
  const droppers: DropConnectionsListener[] = [];
  return {
    functionNames,
    setLambdaFault(name, fault) {
      if (fault) lambdas[name] = { ...fault };
      else delete lambdas[name];
    },
    async beforeInvoke(name) {
      const fault = lambdas[name];
      if (!fault) return;
      if (fault.delayMs && fault.delayMs > 0) {
        await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      }
      if (fault.failNext && fault.failNext > 0) {
        fault.failNext -= 1;
        throw new InjectedFault(`Injected failure of ${name}`);
      }
      if (fault.failRate && random() < fault.failRate) {
        throw new InjectedFault(`Injected failure of ${name} (rate ${fault.failRate})`);
      }
    },
    dropConnections(filter = {}) {
      return droppers.reduce((count, drop) => count + drop(filter), 0);
    },
    onDropConnections(listener) {
      droppers.push(listener);
    },
    clear() {
      for (const key of Object.keys(lambdas)) delete lambdas[key];
    },
    snapshot() {
      return { lambdas: structuredClone(lambdas) };
    },
  };
}

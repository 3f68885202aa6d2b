/**
 * The api-key app end to end: unmodified aws-amplify clients with the API key the emulator
 * writes in its outputs file publish through the namespace's inline handlers, which store each
 * event in the table (read back here through the emulator's DynamoDB endpoint) and broadcast it;
 * `onSubscribe` refuses the private channels, and another key is refused outright.
 */
import { DynamoDBClient, ListTablesCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.ts';
import type { SandboxLogEntry } from '../src/sandbox/invocation.ts';
import { API_KEY_NAMESPACE, buildApiKeyApp, PRIVATE_SEGMENT } from './fixtures/api-key-app.ts';
import { removeSynthesizedFixtures, synthFixture } from './fixtures/synth-fixture.ts';
import { type AmplifyTestClient, startAmplifyClient } from './support/amplify-client.ts';

let emulator: Emulator;
let dynamodb: DynamoDBClient;
/** What the handlers logged: on AWS it goes to the API's CloudWatch log. */
const handlerLog: SandboxLogEntry[] = [];
const clients: AmplifyTestClient[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ assemblyDir: await synthFixture('api-key', buildApiKeyApp), onHandlerLog: (entry) => handlerLog.push(entry) });
  const { accessKeyId, secretAccessKey } = emulator.iamCredentials;
  dynamodb = new DynamoDBClient({ endpoint: emulator.dynamoEndpoint, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey } });
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  dynamodb?.destroy();
  await emulator?.close();
  await removeSynthesizedFixtures();
});

function client(apiKey?: string): AmplifyTestClient {
  const started = startAmplifyClient(emulator.outputs, apiKey === undefined ? undefined : { apiKey });
  clients.push(started);
  return started;
}

describe('the api-key app on the emulator', () => {
  it('writes the API key and API_KEY mode in the outputs file', () => {
    expect(emulator.outputs.custom.events).toMatchObject({ default_authorization_type: 'API_KEY', api_key: expect.stringMatching(/^da2-/) });
  });

  it('stores a published event in the table and broadcasts the stored item', async () => {
    const [listener, publisher] = [client(), client()];
    await listener.subscribe('room', `${API_KEY_NAMESPACE}/room`);

    const result = await publisher.post(`${API_KEY_NAMESPACE}/room`, [{ text: 'kept' }]);
    const [received] = await listener.waitForEvents('room', 1);
    const { TableNames = [] } = await dynamodb.send(new ListTablesCommand({}));
    const stored = await dynamodb.send(
      new QueryCommand({ TableName: TableNames[0], KeyConditionExpression: 'channel = :c', ExpressionAttributeValues: { ':c': { S: `/${API_KEY_NAMESPACE}/room` } } }),
    );

    expect(result).toBeNull();
    expect(TableNames).toHaveLength(1);
    expect(received).toEqual({ channel: `/${API_KEY_NAMESPACE}/room`, id: expect.any(String), payload: { text: 'kept' }, storedAt: expect.any(String) });
    expect(stored.Items).toEqual([
      { channel: { S: `/${API_KEY_NAMESPACE}/room` }, id: { S: (received as { id: string }).id }, payload: { M: { text: { S: 'kept' } } }, storedAt: { S: (received as { storedAt: string }).storedAt } },
    ]);
  });

  it("answers a subscription under the private prefix with onSubscribe's Unauthorized, and passes on what the handler logged", async () => {
    const listener = client();

    await expect(listener.subscribe('private', `${API_KEY_NAMESPACE}/${PRIVATE_SEGMENT}/*`)).rejects.toThrow(/Unauthorized/);
    expect(handlerLog).toContainEqual({ namespace: API_KEY_NAMESPACE, level: 'log', message: `refused /${API_KEY_NAMESPACE}/${PRIVATE_SEGMENT}/*` });
  });

  it('refuses another API key, on the socket and over HTTP', async () => {
    const stranger = client('da2-notthisapiskey00000000000');

    await expect(stranger.subscribe('room', `${API_KEY_NAMESPACE}/room`)).rejects.toThrow(/Unauthorized/);
    await expect(stranger.post(`${API_KEY_NAMESPACE}/room`, [{ text: 'refused' }])).rejects.toThrow(/Unauthorized/);
  });
});

/**
 * Each function signs with its own role's session, as on AWS: two functions with the same code and
 * different roles publish to an AWS_IAM namespace with the credentials the emulator put in their
 * environment. The one whose role allows it gets through, as that role's session (`ctx.identity`);
 * the other is refused as AppSync refuses it, although the other role's policy would allow it.
 * The secrets are the run's own: a publish signed with anything one could know or compute from the
 * template is refused.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CloudAssembly,
  type Emulator,
  EMULATED_RESOURCE_TYPES,
  IAM_RESOURCE_TYPES,
  type LocalBackend,
  readCloudAssembly,
  readLocalBackend,
  signEventRequest,
  startEmulator,
} from '../src/index.ts';
import { functionSessionCredentials } from '../src/auth/function-sessions.ts';
import { buildIamApp, GUARDED_NAMESPACE, TRIGGERS } from './fixtures/iam-app.ts';
import { removeSynthesizedFixtures, synthFixture } from './fixtures/synth-fixture.ts';
import { type AmplifyTestClient, startAmplifyClient } from './support/amplify-client.ts';

let emulator: Emulator;
let assembly: CloudAssembly;
let backend: LocalBackend;
const clients: AmplifyTestClient[] = [];

beforeAll(async () => {
  const dir = await synthFixture('iam', buildIamApp);
  assembly = await readCloudAssembly(dir, { resourceTypes: [...EMULATED_RESOURCE_TYPES, ...IAM_RESOURCE_TYPES] });
  backend = await readLocalBackend(dir, { region: 'us-east-1' });
  emulator = await startEmulator({ assemblyDir: dir });
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await emulator?.close();
  await removeSynthesizedFixtures();
});

function client(): AmplifyTestClient {
  const started = startAmplifyClient(emulator.outputs);
  clients.push(started);
  return started;
}

/** The resource of `type` whose logical id is CDK's for the construct `id` (the id and a hash). */
function resource(type: string, id: string) {
  const found = assembly.resources.filter((candidate) => candidate.type === type && new RegExp(`^${id}[0-9A-F]{8}$`).test(candidate.logicalId));
  expect(found).toHaveLength(1);
  return found[0]!;
}

const GUARDED_CHANNEL = `/${GUARDED_NAMESPACE}/room`;

describe('functions signing with their own roles on the emulator', () => {
  it("publishes as the writer function's role session, and refuses the reader's publish its role does not allow", async () => {
    const [listener, trigger] = [client(), client()];
    await listener.subscribe('guarded', `${GUARDED_NAMESPACE}/room`);
    await listener.subscribe('writer', `${TRIGGERS.Writer}/*`);
    await listener.subscribe('reader', `${TRIGGERS.Reader}/*`);
    const writer = resource('AWS::Lambda::Function', 'Writer');
    const writerRole = resource('AWS::IAM::Role', 'WriterRole');

    await trigger.post(`${TRIGGERS.Reader}/go`, [{ channel: GUARDED_CHANNEL }]);
    const [readerAnswer] = await listener.waitForEvents('reader', 1);
    await trigger.post(`${TRIGGERS.Writer}/go`, [{ channel: GUARDED_CHANNEL }]);
    const [writerAnswer] = await listener.waitForEvents('writer', 1);
    const guarded = await listener.waitForEvents('guarded', 1);

    expect(readerAnswer).toEqual({
      status: 401,
      body: { errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }], message: 'You are not authorized to make this call.' },
    });
    expect(writerAnswer).toMatchObject({ status: 200, body: { successful: [{ index: 0 }], failed: [] } });
    // The reader's refused publish came first: had it passed, it would be the first event here.
    expect(guarded).toEqual([
      {
        from: writer.logicalId,
        userArn: `arn:aws:sts::000000000000:assumed-role/${writerRole.physicalId}/${writer.physicalId}`,
        username: expect.stringMatching(new RegExp(`^AROA[0-9A-F]{17}:${writer.physicalId}$`)),
      },
    ]);
  });
});

/** A publish to the guarded channel over HTTP, signed with `credentials`: the status and the answer. */
async function signedPublish(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) {
  const url = emulator.outputs.custom.events.url;
  const body = JSON.stringify({ channel: GUARDED_CHANNEL, events: [JSON.stringify({ from: 'outside' })] });
  const response = await fetch(url, { method: 'POST', headers: signEventRequest({ url, body, credentials, region: 'us-east-1' }), body });
  return { status: response.status, body: await response.json() };
}

const derivedRoleArn = (functionName: string) => backend.functions.find((fn) => fn.name === functionName)!.roleArn;

/** What anyone with the template could sign with before the secrets were drawn per run: the writer's session derived from its role and name. */
function templateDerivedSession(functionName: string) {
  const fn = backend.functions.find((candidate) => candidate.name === functionName)!;
  const digest = (purpose: string) => createHash('sha256').update(`${purpose}\n${fn.roleArn}\n${fn.physicalId}`).digest();
  const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return {
    accessKeyId: `ASIAEVENTSLOCAL${[...digest('access-key-id').subarray(0, 5)].map((byte) => BASE32[byte % 32]).join('')}`,
    secretAccessKey: digest('secret-access-key').toString('base64').slice(0, 40),
    sessionToken: `appsync-events-local/${digest('session-token').toString('base64url')}`,
  };
}

const UNAUTHORIZED = {
  status: 401,
  body: { errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }], message: 'You are not authorized to make this call.' },
};

describe("the run's IAM secrets", () => {
  it('refuses a publish signed with a fixed or template-derived secret, and takes one signed with the run\'s credentials', async () => {
    const writer = resource('AWS::Lambda::Function', 'Writer');
    const derived = templateDerivedSession(writer.logicalId);
    const listener = client();
    await listener.subscribe('guarded', `${GUARDED_NAMESPACE}/room`);

    const fixedSecret = await signedPublish({ accessKeyId: 'AKIAEVENTSLOCAL00000', secretAccessKey: 'appsync-events-local-secret-access-key-not-a-secret' });
    const fromTemplate = await signedPublish(derived);
    const real = await signedPublish(emulator.iamCredentials);
    const guarded = await listener.waitForEvents('guarded', 1);

    expect(fixedSecret).toEqual(UNAUTHORIZED);
    expect(fromTemplate).toEqual(UNAUTHORIZED);
    expect(real).toMatchObject({ status: 200, body: { successful: [{ index: 0 }], failed: [] } });
    // Only the run's credentials got through: the refused publishes came first.
    expect(guarded).toEqual([{ from: 'outside', userArn: 'arn:aws:iam::000000000000:role/local-functions', username: 'local-functions' }]);
    // The refused session names the writer's real access key id (still derived): only its secret and token were guessed.
    expect(functionSessionCredentials({ name: writer.logicalId, sessionName: writer.physicalId, roleArn: derivedRoleArn(writer.logicalId) }, randomBytes).accessKeyId).toBe(derived.accessKeyId);
    expect(emulator.outputs.custom.local.iam_credentials).toEqual({ access_key_id: emulator.iamCredentials.accessKeyId, secret_access_key: emulator.iamCredentials.secretAccessKey });
  });
});

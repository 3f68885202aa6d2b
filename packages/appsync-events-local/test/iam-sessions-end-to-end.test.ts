/**
 * Each function signs with its own role's session, as on AWS: two functions with the same code and
 * different roles publish to an AWS_IAM namespace with the credentials the emulator put in their
 * environment. The one whose role allows it gets through, as that role's session (`ctx.identity`);
 * the other is refused as AppSync refuses it, although the other role's policy would allow it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CloudAssembly, type Emulator, EMULATED_RESOURCE_TYPES, IAM_RESOURCE_TYPES, readCloudAssembly, startEmulator } from '../src/index.ts';
import { buildIamApp, GUARDED_NAMESPACE, TRIGGERS } from './fixtures/iam-app.ts';
import { removeSynthesizedFixtures, synthFixture } from './fixtures/synth-fixture.ts';
import { type AmplifyTestClient, startAmplifyClient } from './support/amplify-client.ts';

let emulator: Emulator;
let assembly: CloudAssembly;
const clients: AmplifyTestClient[] = [];

beforeAll(async () => {
  const dir = await synthFixture('iam', buildIamApp);
  assembly = await readCloudAssembly(dir, { resourceTypes: [...EMULATED_RESOURCE_TYPES, ...IAM_RESOURCE_TYPES] });
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

/**
 * The seed tutorial end to end: the emulator serves the synthesized seed app, and two unmodified
 * aws-amplify clients, signed in to its user pool (SRP), talk through the `default` namespace,
 * which has no handler code: what one posts over HTTP, the other receives on its subscription.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.ts';
import { buildSeedApp, SEED_NAMESPACE } from './fixtures/seed-app.ts';
import { removeSynthesizedFixtures, synthFixture } from './fixtures/synth-fixture.ts';
import { type AmplifyTestClient, startAmplifyClient } from './support/amplify-client.ts';

const USERS = [
  { email: 'ana@example.test', password: 'Seed-passw0rd!', displayName: 'Ana', groups: [] },
  { email: 'ben@example.test', password: 'Seed-passw0rd!', displayName: 'Ben', groups: [] },
];

let emulator: Emulator;
const clients: AmplifyTestClient[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ assemblyDir: await synthFixture('seed', buildSeedApp), users: USERS });
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await emulator?.close();
  await removeSynthesizedFixtures();
});

function signedInClient(user: (typeof USERS)[number]): Promise<AmplifyTestClient> {
  const client = startAmplifyClient(emulator.outputs);
  clients.push(client);
  return client.signIn(user.email, user.password).then(() => client);
}

describe('the seed app on the emulator', () => {
  it("delivers what one signed-in client posts to another's subscription", async () => {
    const [ana, ben] = await Promise.all(USERS.map(signedInClient));
    const channel = `${SEED_NAMESPACE}/channel`;
    await ana!.subscribe('room', channel);

    const result = await ben!.post(channel, [{ message: 'hello from ben' }]);
    const received = await ana!.waitForEvents('room', 1);

    expect(result).toBeNull();
    expect(received).toEqual([{ message: 'hello from ben' }]);
  });

  it('refuses a client that has not signed in', async () => {
    const stranger = startAmplifyClient(emulator.outputs);
    clients.push(stranger);

    await expect(stranger.subscribe('room', `${SEED_NAMESPACE}/channel`)).rejects.toThrow(/Unauthorized/);
  });
});

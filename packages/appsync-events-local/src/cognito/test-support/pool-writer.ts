/**
 * The writer of `user-pool-crash.test.ts`: `pool-writer.ts <dataDir> <tag>` starts the local
 * user pool on `dataDir` (cognito-local in-process, seeded), prints READY, then creates users
 * until it is killed, several requests at a time, so saves of the pool file overlap. Each
 * created user is printed as an ACK line (`kill-writer.ts`) once cognito-local has answered.
 */
import { createCognitoAdminClient } from '../cognito-admin-client.ts';
import { startLocalCognito } from '../local-cognito.ts';
import { deployedClient } from './deployed-client.ts';

export const SEED_USER = { email: 'seed@test.local', password: 'Test-pass-1', displayName: 'Seed', groups: [] };
const CONCURRENCY = 8;

async function main(dataDir: string, tag: string): Promise<void> {
  const cognito = await startLocalCognito({ client: deployedClient, dataDir, users: [SEED_USER], groups: ['moderators'] });
  const admin = createCognitoAdminClient(cognito.endpoint, cognito.adminToken);
  process.stdout.write('READY\n');
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (;;) {
        const email = `${tag}-${(next += 1)}@test.local`;
        await admin.call('AdminCreateUser', {
          UserPoolId: cognito.userPoolId,
          Username: email,
          MessageAction: 'SUPPRESS',
          TemporaryPassword: 'Temp-pass-1',
          UserAttributes: [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }],
        });
        process.stdout.write(`ACK ${JSON.stringify(email)}\n`);
      }
    }),
  );
}

if (process.argv[1] === import.meta.filename) {
  main(process.argv[2]!, process.argv[3]!).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}

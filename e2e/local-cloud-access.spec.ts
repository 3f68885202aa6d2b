/**
 * Pages open in the developer's browser that are not the app: one on another origin (a server on
 * another loopback port), and ones on a host name of their own that resolves to loopback, as after
 * DNS rebinding (Chromium's host resolver rules stand in for the attacker's DNS server). None may
 * turn on failure injection, make a member a moderator, or read the embedded DynamoDB.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { decodeJwt } from 'appsync-events-local/src/auth/test-support/test-tokens.ts';
import { signInTokens } from '../tests/support/raw-events-socket.ts';
import { backendOutputs, bob, expect, faults, test } from './fixtures.ts';

const REBOUND_HOST = 'rebound.test';

test.use({
  launchOptions: {
    executablePath: process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium',
    args: [`--host-resolver-rules=MAP ${REBOUND_HOST} 127.0.0.1`],
  },
});

let elsewhere: Server;

test.beforeAll(async () => {
  elsewhere = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Elsewhere</title>'));
  elsewhere.listen(0, '127.0.0.1');
  await once(elsewhere, 'listening');
});

test.afterAll(async () => {
  elsewhere.closeAllConnections();
  await new Promise((resolve) => elsewhere.close(resolve));
});

interface Targets {
  faultsUrl: string;
  userPool: string;
  dynamo: string;
  userPoolId: string;
  username: string;
}

function targets(): Targets {
  const outputs = backendOutputs();
  return {
    faultsUrl: `${new URL(outputs.custom.events.url).origin}/_local/faults`,
    userPool: outputs.custom.local!.user_pool_endpoint,
    dynamo: process.env.PARLEY_E2E_DYNAMO_URL as string,
    userPoolId: outputs.auth.user_pool_id,
    username: bob.email,
  };
}

/** What the page gets from each attempt: the status it could read, or `blocked` (fetch rejected). */
function attack(page: Page, urls: Targets): Promise<Record<'faults' | 'moderators' | 'dynamo', string>> {
  return page.evaluate(async ({ faultsUrl, userPool, dynamo, userPoolId, username }) => {
    const outcome = (request: Promise<Response>) => request.then((response) => `read ${response.status}`, () => 'blocked');
    return {
      // A string body goes as text/plain: a CORS simple request, sent without a preflight.
      faults: await outcome(fetch(faultsUrl, { method: 'POST', body: JSON.stringify({ lambda: { name: 'persist-messages', fault: { failRate: 1 } } }) })),
      moderators: await outcome(
        fetch(userPool, {
          method: 'POST',
          headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.AdminAddUserToGroup' },
          body: JSON.stringify({ UserPoolId: userPoolId, Username: username, GroupName: 'moderators' }),
        }),
      ),
      // The local DynamoDB checks that a signature is there, not that it is right.
      dynamo: await outcome(
        fetch(dynamo, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-amz-json-1.0',
            'x-amz-target': 'DynamoDB_20120810.ListTables',
            authorization: 'AWS4-HMAC-SHA256 Credential=any/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
            'x-amz-date': '20260101T000000Z',
          },
          body: '{}',
        }),
      ),
    };
  }, urls);
}

/** Nothing the attempts aimed at happened: no fault in force, bob still a plain member. */
async function expectNothingChanged(): Promise<void> {
  // Clearing a fault no test sets answers with the faults in force and changes nothing else.
  expect(await faults({ lambda: { name: 'history', fault: null } })).toEqual({ faults: { lambdas: {} } });
  const outputs = backendOutputs();
  const { accessToken } = await signInTokens(outputs, bob.email, bob.password);
  expect(decodeJwt(accessToken)['cognito:groups']).toBeUndefined();
}

test.afterEach(async () => {
  await faults({ clear: true });
});

test('a page on another origin can neither drive the local-only endpoints nor read DynamoDB', async ({ page }) => {
  await page.goto(`http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/`);

  const outcome = await attack(page, targets());

  expect(outcome).toEqual({ faults: 'blocked', moderators: 'blocked', dynamo: 'blocked' });
  await expectNothingChanged();
});

test('a page on a rebound host name reaches none of the servers, even same-origin', async ({ page }) => {
  const { faultsUrl, userPool, dynamo, userPoolId, username } = targets();
  const rebound = (url: string) => {
    const parsed = new URL(url);
    parsed.hostname = REBOUND_HOST;
    return parsed.href.replace(/\/$/, '');
  };
  const outcomes: Record<string, string>[] = [];

  // On each server's own port, the page's origin is that server's, as after a DNS rebinding.
  for (const [name, url] of [['faults', faultsUrl], ['moderators', userPool], ['dynamo', dynamo]] as const) {
    await page.goto(`${new URL(rebound(url)).origin}/`);
    const all = await attack(page, { faultsUrl: rebound(faultsUrl), userPool: rebound(userPool), dynamo: rebound(dynamo), userPoolId, username });
    outcomes.push({ [name]: all[name] });
  }

  expect(outcomes).toEqual([{ faults: 'read 421' }, { moderators: 'read 421' }, { dynamo: 'read 421' }]);
  await expectNothingChanged();
});

test('the dev server answers a rebound host name with nothing of the app: no page, no outputs, no source, no file', async ({ page, baseURL }) => {
  const app = new URL(baseURL!);
  app.hostname = REBOUND_HOST;
  const statuses: Record<string, number | undefined> = {};

  // A file of the project by its absolute path: Vite serves it to its own host (fs.allow).
  const projectFile = `/@fs${process.cwd()}/package.json`;
  for (const path of ['/', '/amplify_outputs.json', '/src/main.ts', projectFile]) {
    statuses[path] = (await page.goto(new URL(path, app).href))?.status();
  }

  // Vite refuses a Host it was not told of (its allowedHosts): a rebinding page gets none of it.
  expect(statuses).toEqual({ '/': 403, '/amplify_outputs.json': 403, '/src/main.ts': 403, [projectFile]: 403 });
});

test("the app's page and its outputs file never carry the admin token or the IAM secret", async ({ request }) => {
  const token = backendOutputs().custom.local!.admin_token!;
  const iamSecret = backendOutputs().custom.local!.iam_credentials!.secret_access_key;

  const html = await (await request.get('/')).text();
  const served = await (await request.get('/amplify_outputs.json')).text();

  expect(token).toMatch(/^[0-9a-f]{64}$/);
  expect(html).toContain('user_pool_endpoint');
  expect(html).not.toContain(token);
  expect(served).toContain('user_pool_endpoint');
  expect(served).not.toContain(token);
  expect(html).not.toContain(iamSecret);
  expect(served).not.toContain(iamSecret);
});

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { build, preview } from 'vite';
import { connectSources, SECURITY_HEADERS } from '../scripts/security-headers.ts';
import { emptyWatchLog, type WatchLog, watchedContext } from '../tests/xss/page-watch.ts';
import type { PageGlobals } from '../tests/xss/render-scan.ts';
import { alice, expect, seedRoom, signIn, test, uniqueRoom } from './fixtures.ts';

interface Outputs {
  custom: { events: { url: string }; API: Record<string, { endpoint: string }>; local: { user_pool_endpoint: string } };
}

async function outputs(): Promise<Outputs> {
  return JSON.parse(await readFile(process.env.PARLEY_OUTPUTS as string, 'utf8')) as Outputs;
}

/** The policy's directives by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name = '', ...values]) => [name, values]));
}

async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(globalThis as unknown as PageGlobals).__xss.violations]);
}

/**
 * What the CSP must stop, tried from inside the signed-in page: an inline script, an inline event
 * handler, a string timer (eval), and a fetch and a WebSocket to a loopback origin the outputs do not name.
 */
async function expectAttacksBlocked(page: Page): Promise<void> {
  const before = (await violations(page)).length;
  const outcome = await page.evaluate(async () => {
    const g = globalThis as unknown as PageGlobals & {
      document: { createElement(tag: string): { textContent: string; src: string; setAttribute(n: string, v: string): void }; head: { append(n: unknown): void } };
      fetch: typeof fetch;
      WebSocket: new (url: string) => unknown;
      setTimeout: (code: string, ms: number) => unknown;
    };
    const script = g.document.createElement('script');
    script.textContent = "__pwned('inline script')";
    g.document.head.append(script);
    const img = g.document.createElement('img');
    img.setAttribute('onerror', "__pwned('inline handler')");
    img.src = '/missing-image.png';
    g.document.head.append(img);
    // A string timer is eval by another name (code passed to `page.evaluate` itself is exempt).
    g.setTimeout("__pwned('string timer')", 0);
    let fetchResult = 'fetched';
    try {
      await g.fetch('http://127.0.0.1:9/exfiltrate');
    } catch (error) {
      fetchResult = (error as Error).name;
    }
    // Chromium reports a blocked WebSocket as a violation and a failed connection, not a throw.
    new g.WebSocket('ws://127.0.0.1:9/exfiltrate');
    return fetchResult;
  });

  expect(outcome).toBe('TypeError');
  await expect.poll(async () => (await violations(page)).slice(before).map((v) => v.split(' ')[0]).sort()).toEqual(
    ['connect-src', 'connect-src', 'script-src', 'script-src-attr', 'script-src-elem'],
  );
  expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__xss.hits)).toEqual([]);
}

/** Signs in on the sign-in page, opens a room and chats in it, with no CSP violation on the way. */
async function signInAndChat(page: Page, room: string): Promise<void> {
  await page.goto(`/rooms/${room}`);
  await signIn(page, alice);
  await expect(page).toHaveURL(new RegExp(`/rooms/${room}$`));
  const feed = page.getByRole('feed');
  await expect(feed.getByText('seeded before sign-in')).toBeVisible();
  await page.getByRole('textbox', { name: 'Message' }).fill(`hello under the CSP https://example.com/${room}`);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(feed.getByText(`hello under the CSP`)).toBeVisible();
  await expect(feed.getByText('Sending…')).toHaveCount(0);
  await expect(feed.getByRole('link', { name: `https://example.com/${room}` })).toHaveAttribute('rel', 'noopener noreferrer nofollow');
  expect(await violations(page)).toEqual([]);
}

function expectNothingLeaked(log: WatchLog): void {
  expect(log.executions).toEqual([]);
  expect(log.dialogs).toEqual([]);
  expect(log.offLoopbackRequests).toEqual([]);
  expect(log.navigations).toEqual([]);
}

test('the dev server sends the CSP and security headers, the app signs in and chats under them, and injected script and off-list connections are blocked', async ({
  browser,
  baseURL,
}) => {
  const room = uniqueRoom('csp-dev');
  await seedRoom(alice, room, ['seeded before sign-in']);
  const log = emptyWatchLog();
  const context = await watchedContext(browser, baseURL as string, log);
  const page = await context.newPage();
  const expectedConnect = connectSources(await outputs());

  const response = await page.goto('/sign-in');
  const headers = response?.headers() ?? {};
  const policy = directives(headers['content-security-policy'] ?? '');

  expect(policy.get('script-src')).toEqual(["'self'"]);
  expect(policy.get('connect-src')).toEqual(["'self'", ...expectedConnect]);
  expect(expectedConnect).toHaveLength(4);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(policy.get('base-uri')).toEqual(["'none'"]);
  expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  expect(policy.get('form-action')).toEqual(["'self'"]);
  expect(headers['content-security-policy']).not.toContain('unsafe-eval');
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(headers[name.toLowerCase()], name).toBe(value);
  await signInAndChat(page, room);
  await expectAttacksBlocked(page);
  expectNothingLeaked(log);
  await context.close();
});

test('the built app carries the CSP in a meta tag from the outputs, and signs in and chats under it with no header help', async ({ browser }) => {
  test.setTimeout(120_000);
  const room = uniqueRoom('csp-build');
  await seedRoom(alice, room, ['seeded before sign-in']);
  const outDir = await mkdtemp(join(tmpdir(), 'parley-csp-build-'));
  await build({ configFile: 'vite.config.ts', logLevel: 'error', build: { outDir, emptyOutDir: true, sourcemap: false } });
  const server = await preview({ configFile: 'vite.config.ts', logLevel: 'error', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  const baseURL = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
  const log = emptyWatchLog();
  let context: BrowserContext | undefined;
  try {
    context = await watchedContext(browser, baseURL, log);
    const page = await context.newPage();

    const response = await page.goto('/sign-in');
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    const policy = directives(meta ?? '');

    expect(response?.headers()['content-security-policy']).toBeUndefined();
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'", ...connectSources(await outputs())]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.has('frame-ancestors')).toBe(false);
    await signInAndChat(page, room);
    await expectAttacksBlocked(page);
    expectNothingLeaked(log);
  } finally {
    await context?.close();
    await server.close();
    await rm(outDir, { recursive: true, force: true });
  }
});

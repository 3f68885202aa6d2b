import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Browser, type BrowserContextOptions, test as base, expect, type Page } from '@playwright/test';
import type { AmplifyOutputs } from '../core/outputs.ts';
import { ADMIN_TOKEN_HEADER } from 'appsync-events-local';
import { LOAD_USER_PASSWORD } from '../local/demo-users.ts';
import { type AmplifyTestClient, startAmplifyClient } from '../tests/support/amplify-client.ts';

export interface DemoUser {
  email: string;
  password: string;
  displayName: string;
}

export const alice: DemoUser = { email: 'alice@parley.local', password: 'Parley-demo-1', displayName: 'Alice' };
export const bob: DemoUser = { email: 'bob@parley.local', password: 'Parley-demo-1', displayName: 'Bob' };
export const moderator: DemoUser = { email: 'mod@parley.local', password: 'Parley-demo-1', displayName: 'Morgan' };

/**
 * Plain member `load-<i>@parley.local` (global-setup.ts seeds `E2E_LOAD_USERS`). The specs share
 * one cloud: a test that changes an account (its name, at most 5 times a day) takes an index no
 * other test uses. Taken: 0 and 1 (profile.spec.ts).
 */
export function loadUser(i: number): DemoUser {
  return { email: `load-${i}@parley.local`, password: LOAD_USER_PASSWORD, displayName: `Load ${i}` };
}

/** `baseURL` is the dev server `global-setup.ts` started on a free port. */
export const test = base.extend({
  baseURL: async ({}, use) => {
    const url = process.env.PARLEY_E2E_URL;
    if (!url) throw new Error('PARLEY_E2E_URL is unset: run through playwright.config.ts (global setup)');
    await use(url);
  },
});

/** Signs in through the real Authenticator on whatever page redirected to it. */
export async function signIn(page: Page, user: DemoUser): Promise<void> {
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** A room id no other test uses. */
export function uniqueRoom(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** The local cloud's failure injection over HTTP (local/README.md "Failure injection"), with its admin token. */
export async function faults(command: unknown): Promise<unknown> {
  const response = await fetch(`${process.env.PARLEY_E2E_EVENTS_URL?.replace(/\/event$/, '')}/_local/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [ADMIN_TOKEN_HEADER]: backendOutputs().custom.local?.admin_token ?? '' },
    body: JSON.stringify(command),
  });
  expect(response.ok).toBe(true);
  return response.json();
}

/** The outputs file the local cloud wrote for this run (admin token included). */
export function backendOutputs(): AmplifyOutputs {
  return JSON.parse(readFileSync(process.env.PARLEY_OUTPUTS as string, 'utf8')) as AmplifyOutputs;
}

/** A real aws-amplify client (Node worker) signed in as `user`, for seeding and for reading history. */
export async function withClient<T>(user: DemoUser, run: (client: AmplifyTestClient) => Promise<T>): Promise<T> {
  const client = startAmplifyClient(backendOutputs());
  try {
    await client.signIn(user.email, user.password);
    return await run(client);
  } finally {
    await client.close();
  }
}

/** Creates a room and posts `texts` in it as `user`, five per HTTP publish. */
export async function seedRoom(user: DemoUser, room: string, texts: string[]): Promise<void> {
  await withClient(user, async (client) => {
    await client.rest('POST', '/rooms', { name: room });
    for (let i = 0; i < texts.length; i += 5) {
      const batch = texts.slice(i, i + 5).map((text) => ({ type: 'message', clientMsgId: randomUUID(), text }));
      expect(await client.post(`/chat/rooms/${room}`, batch)).toBeNull();
    }
  });
}

export interface StoredMessage {
  id: string;
  text: string;
}

/** Every stored message of a room, oldest first, through `GET /rooms/{id}/messages` (all pages). */
export async function storedHistory(room: string): Promise<StoredMessage[]> {
  return withClient(alice, async (client) => {
    const all: StoredMessage[] = [];
    let before: string | undefined;
    do {
      const query = `limit=100${before ? `&before=${encodeURIComponent(before)}` : ''}`;
      const { body } = await client.rest('GET', `/rooms/${room}/messages?${query}`);
      const page = body as { items: StoredMessage[]; nextCursor?: string };
      all.push(...page.items);
      before = page.nextCursor;
    } while (before);
    return all.reverse();
  });
}

/** A new browser context (its own storage: a second user) signed in and showing `path`. */
export async function openAs(browser: Browser, user: DemoUser, path: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: process.env.PARLEY_E2E_URL, ...options });
  const page = await context.newPage();
  await page.goto(path);
  await signIn(page, user);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[/]/g, '\\/')}$`));
  return page;
}

/**
 * The access token's claims of the page's signed-in user: `sub` (what the events service's
 * identity carries, and `dropConnections` takes) and the profile (`parley:handle`, …).
 */
export async function tokenClaims(page: Page): Promise<Record<string, string | undefined>> {
  const { origins } = await page.context().storageState();
  const token = origins
    .flatMap((origin) => origin.localStorage)
    .find((item) => item.name.startsWith('CognitoIdentityServiceProvider.') && item.name.endsWith('.accessToken'))?.value;
  return JSON.parse(Buffer.from(token?.split('.')[1] ?? '', 'base64url').toString('utf8') || '{}') as Record<string, string | undefined>;
}

/** Stored message ids and texts the page's feed shows, in order (pending sends excluded). */
export async function renderedMessages(page: Page): Promise<StoredMessage[]> {
  // Member change lines ("Alice @alice added Bob @bob") are articles of the feed too, but no messages.
  const articles = page.getByRole('feed').locator('article:not([data-key^="out:"]):not(.member-change)');
  const ids = await articles.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-key') ?? ''));
  const texts = await articles.locator('.text').allTextContents();
  return ids.map((id, i) => ({ id, text: texts[i] ?? '' }));
}

export { expect };

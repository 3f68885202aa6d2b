import { test as base, expect, type Page } from '@playwright/test';

export interface DemoUser {
  email: string;
  password: string;
  displayName: string;
}

export const alice: DemoUser = { email: 'alice@parley.local', password: 'Parley-demo-1', displayName: 'Alice' };
export const bob: DemoUser = { email: 'bob@parley.local', password: 'Parley-demo-1', displayName: 'Bob' };

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

export { expect };

import type { Page } from '@playwright/test';
import { alice, bob, expect, loadUser, openAs, signIn, storedHistory, test, uniqueRoom, withClient } from './fixtures.ts';

/** Removed from the room in the first test; changes nothing on the account, so any spec may share it. */
const carol = loadUser(2);

/** The account's handle; signing in creates its profile, so from then on its handle can be invited. */
async function handleOf(user: typeof carol): Promise<string> {
  return withClient(user, async (client) => ((await client.rest('GET', '/me')).body as { handle: string }).handle);
}

async function send(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
}

test('a private room: created, members invited, chat, a member removed loses it while the others chat on', async ({ page, browser }) => {
  const name = uniqueRoom('Team');
  const carolHandle = await handleOf(carol);
  expect(await handleOf(bob)).toBe('bob');
  await page.goto('/rooms');
  await signIn(page, alice);
  await page.getByRole('radio', { name: 'Private (members only)' }).check();
  await page.getByLabel('New room').fill(name);
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/rooms\/p-[0-9a-z]{26}$/);
  const path = new URL(page.url()).pathname;

  await page.getByRole('button', { name: 'Members' }).click();
  const members = page.getByRole('dialog', { name: `Members of ${name}` });
  await expect(members.getByLabel('Invite by handle')).toBeFocused();
  await page.keyboard.type('nobody_here_at_all');
  await page.keyboard.press('Enter');
  await expect(members.getByRole('alert')).toHaveText('Nobody has the handle @nobody_here_at_all');
  await members.getByLabel('Invite by handle').fill('@bob');
  await page.keyboard.press('Enter');
  await expect(members.getByRole('listitem').filter({ hasText: '@bob' })).toBeVisible();
  await members.getByLabel('Invite by handle').fill(carolHandle);
  await page.keyboard.press('Enter');
  await expect(members.getByRole('listitem')).toHaveCount(3);
  await page.keyboard.press('Escape');
  await expect(members).toBeHidden();
  await expect(page.getByRole('feed').getByText(`Alice @alice added ${carol.displayName} @${carolHandle}`)).toBeVisible();

  const bobPage = await openAs(browser, bob, path);
  const carolPage = await openAs(browser, carol, path);
  try {
    await expect(bobPage.getByRole('navigation', { name: 'Rooms' }).getByRole('heading', { name: 'Private rooms' })).toBeVisible();
    await send(bobPage, 'before the removal');
    await expect(page.getByRole('feed').getByText('before the removal')).toBeVisible();
    await expect(carolPage.getByRole('feed').getByText('before the removal')).toBeVisible();

    await page.getByRole('button', { name: 'Members' }).click();
    await members.getByRole('button', { name: `Remove ${carol.displayName} @${carolHandle}` }).click();
    await expect(members.getByRole('listitem')).toHaveCount(2);
    await members.getByRole('button', { name: 'Close' }).click();

    await expect(carolPage.getByRole('alert')).toHaveText('You no longer have access to this room.');
    await expect(carolPage.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: new RegExp(name) })).toHaveCount(0);
    await expect(bobPage.getByRole('feed').getByText(`Alice @alice removed ${carol.displayName} @${carolHandle}`)).toBeVisible();

    // Both remaining members moved to the room's new epoch: what each sends reaches the other.
    await send(bobPage, 'after the removal, from Bob');
    await send(page, 'after the removal, from Alice');
    await expect(page.getByRole('feed').getByText('after the removal, from Bob')).toBeVisible();
    await expect(bobPage.getByRole('feed').getByText('after the removal, from Alice')).toBeVisible();
    await expect(carolPage.getByText(/after the removal/)).toHaveCount(0);

    const roomId = path.split('/').at(-1) as string;
    const stored = (await storedHistory(roomId)).map((message) => message.text);
    expect(stored.sort()).toEqual(['after the removal, from Alice', 'after the removal, from Bob', 'before the removal']);
    await expect(bobPage.getByRole('feed').getByRole('article').filter({ hasText: /removal/ }).filter({ hasNotText: /removed/ })).toHaveCount(3);
  } finally {
    await bobPage.context().close();
    await carolPage.context().close();
  }
});

test('a DM: started from New message by part of a handle and from a name in a message, titled with the other person', async ({ page, browser }) => {
  expect(await handleOf(bob)).toBe('bob');
  await page.goto('/rooms');
  await signIn(page, alice);
  await page.getByRole('button', { name: 'New message' }).click();
  const picker = page.getByRole('dialog', { name: 'New direct message' });
  const field = picker.getByRole('combobox', { name: 'Their handle' });
  await expect(field).toBeFocused();
  await page.keyboard.type('bo');
  const found = picker.getByRole('listbox', { name: 'People' });
  await expect(found.getByRole('option', { name: 'Bob @bob' })).toBeVisible();
  await expect(field).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Escape');
  await expect(found).toBeHidden();
  await expect(picker).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(found.getByRole('option', { name: 'Bob @bob' })).toHaveAttribute('aria-selected', 'true');
  await expect(field).toHaveAttribute('aria-activedescendant', /\S/);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/rooms\/d-[0-9a-z]{26}$/);
  const path = new URL(page.url()).pathname;
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bob @bob');
  const hello = `hello Bob ${uniqueRoom('dm')}`;
  await send(page, hello);
  await expect(page.getByRole('feed').getByText(hello)).toBeVisible();

  const bobPage = await openAs(browser, bob, path);
  try {
    await expect(bobPage.getByRole('heading', { level: 1 })).toHaveText('Alice @alice');
    const dms = bobPage.getByRole('navigation', { name: 'Rooms' });
    await expect(dms.getByRole('heading', { name: 'Direct messages' })).toBeVisible();
    await expect(dms.getByRole('link', { name: /Alice @alice/ })).toBeVisible();
    const message = bobPage.getByRole('feed').getByRole('article').filter({ hasText: hello });
    const start = message.getByRole('button', { name: 'Message Alice @alice' });
    await start.focus();
    await bobPage.keyboard.press('Enter');
    await expect(bobPage).toHaveURL(new RegExp(`${path}$`));
  } finally {
    await bobPage.context().close();
  }
});

import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { NAME_CHANGES_PER_DAY } from '../core/profile.ts';
import { alice, bob, expect, loadUser, moderator, seedRoom, signIn, test, uniqueRoom, withClient } from './fixtures.ts';

// These tests rename their members: no other test uses load-0 or load-1 (see `loadUser`).
const member = loadUser(0);
const busyMember = loadUser(1);

/** The feed's stored message (its echo, not the pending entry) whose text is `text`. */
function storedArticle(page: Page, text: string) {
  return page.getByRole('feed').locator('article:not([data-key^="out:"])').filter({ hasText: text });
}

test('a member renames themselves: look-alike and reserved names and a taken handle are refused at their field, the new name and handle show on new messages only', async ({ page }) => {
  const room = uniqueRoom('profile');
  const before = `before the rename ${room}`;
  const after = `after the rename ${room}`;
  // A profile exists from an account's first sign-in: from then on Alice's name is hers alone.
  await withClient(alice, async () => undefined);
  await seedRoom(member, room, [before]);
  await page.goto(`/rooms/${room}`);
  await signIn(page, member);
  await expect(storedArticle(page, before)).toBeVisible();
  const profileLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Profile: / });
  const [oldName, handle] = ((await profileLink.textContent()) ?? '').replace('Profile: ', '').split(' @');
  expect(handle).toMatch(/^[a-z0-9_]{3,20}$/);

  await profileLink.click();
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page).toHaveTitle('Profile · Parley');
  const name = page.getByRole('textbox', { name: 'Display name' });
  await expect(name).toHaveValue(oldName ?? '');
  const save = page.getByRole('button', { name: 'Save' });

  // A Cyrillic А and a zero-width space: it reads as "Alice", the demo member's name.
  await name.fill('\u0410lice\u200B');
  await save.click();
  const nameError = page.locator('#profile-display-name-error');
  await expect(nameError).toBeVisible();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toBeFocused();
  await expect(page.getByRole('textbox', { name: 'Handle' })).not.toHaveAttribute('aria-invalid', 'true');
  await expect(nameError).toContainText(/looks like/i);
  const lookAlikeReason = await nameError.textContent();
  await page.screenshot({ path: test.info().outputPath('look-alike-refused.png') });

  await name.fill('Morgan (mod)');
  await expect(nameError).toBeHidden();
  await save.click();
  await expect(nameError).toBeVisible();
  await expect(nameError).not.toHaveText(lookAlikeReason ?? '');
  await expect(nameError).toContainText(/reserved/i);
  await page.screenshot({ path: test.info().outputPath('reserved-refused.png') });

  // Both at once: a free name, and Alice's handle in another case, which is taken.
  const newName = `Rena ${room.slice(-4)}`;
  const handleField = page.getByRole('textbox', { name: 'Handle' });
  await expect(handleField).toHaveValue(handle ?? '');
  await name.fill(newName);
  await handleField.fill('Alice');
  await save.click();
  const handleError = page.locator('#profile-handle-error');
  await expect(handleError).toBeVisible();
  await expect(handleError).toContainText('@alice');
  await expect(handleField).toHaveAttribute('aria-invalid', 'true');
  await expect(handleField).toBeFocused();
  await expect(name).not.toHaveAttribute('aria-invalid', 'true');
  await expect(profileLink).toHaveText(`Profile: ${oldName} @${handle}`);
  await page.screenshot({ path: test.info().outputPath('handle-taken.png') });

  const newHandle = `r_${room.slice(-8)}`;
  await handleField.fill(newHandle);
  await expect(handleError).toBeHidden();
  await save.click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toHaveText(`Saved. Your new messages show you as ${newName} (@${newHandle}).`);
  await expect(name).not.toHaveAttribute('aria-invalid', 'true');
  await expect(handleField).not.toHaveAttribute('aria-invalid', 'true');
  await expect(profileLink).toHaveText(`Profile: ${newName} @${newHandle}`);

  // Back to the room the profile was opened from (the room list is long by now, and virtualized).
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/rooms/${room}$`));
  await page.getByRole('textbox', { name: 'Message' }).fill(after);
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(storedArticle(page, after)).toBeVisible();
  const expectAuthors = async () => {
    await expect(storedArticle(page, after)).toContainText(newName);
    await expect(storedArticle(page, after)).toContainText(`@${newHandle}`);
    // The rename starts a group of its own, so the new name shows rather than only the first one's.
    await expect(storedArticle(page, after)).not.toHaveClass(/continuation/);
    await expect(storedArticle(page, before)).toContainText(`${oldName} @${handle}`);
    await expect(storedArticle(page, before)).not.toContainText(newName);
    await expect(storedArticle(page, before)).not.toContainText(newHandle);
  };
  await expectAuthors();
  await page.screenshot({ path: test.info().outputPath('room-after-rename.png') });
  // After a reload, both come from the stored history: the authors were stamped when sent.
  await page.reload();
  await expectAuthors();
});

test('after the day’s name changes, the sixth is refused with the limit and when to try again', async ({ page }) => {
  const suffix = uniqueRoom('x').slice(-4);
  await page.goto('/profile');
  await signIn(page, busyMember);
  const name = page.getByRole('textbox', { name: 'Display name' });
  await expect(name).toHaveValue(/\S/);

  for (let i = 1; i <= NAME_CHANGES_PER_DAY; i += 1) {
    await name.fill(`Busy ${suffix} ${i}`);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toContainText(`Busy ${suffix} ${i} (@`);
  }
  await name.fill(`Busy ${suffix} one too many`);
  await page.getByRole('button', { name: 'Save' }).click();

  const note = page.getByRole('alert').filter({ hasText: 'Name changes left today' });
  await expect(note).toContainText(`Name changes left today: 0 of ${NAME_CHANGES_PER_DAY}.`);
  // The time comes from Retry-After, which the page reads only if the API's CORS exposes it.
  await expect(note.locator('time')).toHaveAttribute('datetime', /^\d{4}-/);
  const retryAt = Date.parse((await note.locator('time').getAttribute('datetime')) ?? '');
  expect(retryAt).toBeGreaterThan(Date.now());
  expect(retryAt).toBeLessThanOrEqual(Date.now() + 24 * 3600_000);
  await expect(name).toHaveValue(`Busy ${suffix} one too many`);
  await expect(page.getByRole('link', { name: /^Profile: / })).toHaveText(new RegExp(`^Profile: Busy ${suffix} ${NAME_CHANGES_PER_DAY} @`));
  await page.screenshot({ path: test.info().outputPath('limit-reached.png') });
});

test('a moderator’s message shows the Moderator badge, a member’s does not', async ({ page }) => {
  const room = uniqueRoom('badge');
  await seedRoom(bob, room, ['a member speaking']);
  await withClient(moderator, async (client) => {
    expect(await client.post(`/chat/rooms/${room}`, [{ type: 'message', clientMsgId: randomUUID(), text: 'a moderator speaking' }])).toBeNull();
  });

  await page.goto(`/rooms/${room}`);
  await signIn(page, bob);

  await expect(storedArticle(page, 'a moderator speaking').getByText('Moderator', { exact: true })).toBeVisible();
  await expect(storedArticle(page, 'a member speaking')).toBeVisible();
  await expect(storedArticle(page, 'a member speaking').getByText('Moderator', { exact: true })).toHaveCount(0);
});

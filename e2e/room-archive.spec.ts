import { alice, expect, moderator, openAs, seedRoom, signIn, test, uniqueRoom } from './fixtures.ts';

test('a moderator renames and archives a room from the keyboard; a member in it sees it turn read-only live, and it leaves the list', async ({ page, browser }) => {
  const room = uniqueRoom('archive');
  await seedRoom(alice, room, ['Thanks all, see you next year']);
  const alicePage = await openAs(browser, alice, `/rooms/${room}`);
  await expect(alicePage.getByRole('feed').getByText('Thanks all, see you next year')).toBeVisible();
  await expect(alicePage.getByRole('textbox', { name: 'Message' })).toBeVisible();
  const aliceRooms = alicePage.getByRole('navigation', { name: 'Rooms' });
  await expect(aliceRooms.getByRole('link', { name: new RegExp(room) })).toBeVisible();
  // Marks this document: still there at the end means alice's page never reloaded.
  await alicePage.evaluate(() => Object.assign(globalThis, { parleyNoReload: true }));

  await page.goto(`/rooms/${room}`);
  await signIn(page, moderator);
  const header = page.locator('.room-header');
  await header.getByRole('button', { name: 'Rename room' }).focus();
  await page.keyboard.press('Enter');
  const rename = page.getByRole('dialog', { name: 'Rename room' });
  await expect(rename.getByLabel('New name')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(`Retro ${room}`);
  await rename.getByLabel('Reason (optional)').fill('clearer name');
  await rename.getByRole('button', { name: 'Rename room' }).click();
  await expect(rename).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`# Retro ${room}`);
  await expect(alicePage.getByRole('heading', { level: 1 })).toHaveText(`# Retro ${room}`);

  await header.getByRole('button', { name: 'Archive room' }).focus();
  await page.keyboard.press('Enter');
  const archive = page.getByRole('dialog', { name: 'Archive room' });
  await expect(archive.getByLabel('Reason (optional)')).toBeFocused();
  await page.keyboard.type('event over');
  await archive.getByRole('button', { name: 'Archive room' }).click();
  await expect(archive).toBeHidden();
  await expect(header.getByRole('button', { name: 'Unarchive room' })).toBeVisible();

  const notice = 'This room is archived: you can read it, but nobody can post in it.';
  await expect(alicePage.getByRole('note')).toHaveText(notice);
  await expect(alicePage.getByRole('textbox', { name: 'Message' })).toHaveCount(0);
  await expect(alicePage.getByRole('feed').getByText('Thanks all, see you next year')).toBeVisible();
  await expect(aliceRooms.getByRole('link', { name: new RegExp(room) })).toHaveCount(0);
  expect(await alicePage.evaluate(() => (globalThis as { parleyNoReload?: boolean }).parleyNoReload)).toBe(true);

  // Opened afresh by its link, the archived room reads the same.
  await alicePage.reload();
  await expect(alicePage.getByRole('heading', { level: 1 })).toHaveText(`# Retro ${room}`);
  await expect(alicePage.getByRole('note')).toHaveText(notice);
  await expect(alicePage.getByRole('textbox', { name: 'Message' })).toHaveCount(0);

  await page.goto('/moderation?tab=audit');
  const audit = page.getByRole('tabpanel', { name: 'Audit log' });
  await expect(audit.getByRole('row').filter({ hasText: 'Archived room' })).toContainText('event over');
  await expect(audit.getByRole('row').filter({ hasText: 'Renamed room' })).toContainText(`was “${room}”`);
  await alicePage.context().close();
});

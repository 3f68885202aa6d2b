import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { alice, bob, expect, moderator, openAs, seedRoom, signIn, test, uniqueRoom } from './fixtures.ts';

/** axe's serious and critical findings (WCAG 2.x A and AA), summarized. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('a member reports a message from the keyboard, a moderator removes it from the queue, and the member sees it removed', async ({ page, browser }) => {
  const room = uniqueRoom('reports');
  const spam = `Cheap pills at pills.example ${room}`;
  await seedRoom(alice, room, ['Good morning', spam]);
  await page.goto(`/rooms/${room}`);
  await signIn(page, bob);
  const feed = page.getByRole('feed');
  const message = feed.getByRole('article').filter({ hasText: spam });
  await expect(message).toBeVisible();
  await expect(feed.getByRole('button', { name: /^Report/ })).toHaveCount(2);

  const report = message.getByRole('button', { name: 'Report message by Alice @alice' });
  await report.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Report message' });
  await expect(dialog.getByLabel('Reason (required)')).toBeFocused();
  await expect(dialog.getByRole('blockquote')).toHaveText(spam);
  expect(await seriousViolations(page), 'report dialog').toEqual([]);
  await page.keyboard.type('selling pills');
  await dialog.getByRole('button', { name: 'Report' }).press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Reported. The moderators will review this message.' })).toBeAttached();

  const modPage = await openAs(browser, moderator, '/moderation');
  try {
    await modPage.getByRole('tab', { name: 'Reports' }).click();
    await expect(modPage).toHaveURL(/tab=reports/);
    const item = modPage.getByRole('article').filter({ hasText: spam });
    await expect(item).toContainText(`Reported once in #${room}`);
    await expect(item.getByRole('list', { name: 'Reports' })).toHaveText('Bob @bob: selling pills');
    await item.getByText('1 earlier message').click();
    await expect(item).toContainText('Alice @alice: Good morning');
    expect(await seriousViolations(modPage), 'reports tab').toEqual([]);
    await item.getByRole('button', { name: 'Remove the message by Alice @alice' }).click();
    const removeDialog = modPage.getByRole('dialog', { name: 'Remove reported message' });
    await removeDialog.getByLabel('Reason (optional)').fill('spam');
    await removeDialog.getByRole('button', { name: 'Remove message' }).click();
    await expect(removeDialog).toBeHidden();
    await expect(item).toHaveCount(0);
    await expect(modPage.getByRole('status').filter({ hasText: 'Removed the message by Alice @alice.' })).toBeAttached();

    await expect(feed.getByText('Message removed by a moderator')).toBeVisible();
    await expect(feed.getByText(spam)).toHaveCount(0);

    await modPage.getByRole('tab', { name: 'Audit log' }).click();
    const audit = modPage.getByRole('tabpanel', { name: 'Audit log' });
    await expect(audit.getByRole('row').filter({ hasText: 'Removed on report' })).toContainText(`Message by Alice @alice in #${room}`);
  } finally {
    await modPage.context().close();
  }
});

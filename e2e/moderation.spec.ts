import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from '@playwright/test';
import type { ModerationPage, Mute } from '../core/moderation.ts';
import { alice, bob, type DemoUser, expect, seedRoom, signIn, test, uniqueRoom, withClient } from './fixtures.ts';

const moderator: DemoUser = { email: 'mod@parley.local', password: 'Parley-demo-1', displayName: 'Morgan' };

/** axe's serious and critical findings (WCAG 2.x A and AA), summarized. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A second user in their own browser context, signed in at `path`. */
async function openAs(browser: Browser, user: DemoUser, path: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: process.env.PARLEY_E2E_URL });
  const page = await context.newPage();
  await page.goto(path);
  await signIn(page, user);
  return page;
}

test('a moderator removes a message live in a member’s open room, audits it, and restores it', async ({ page, browser }) => {
  const room = uniqueRoom('mod-live');
  const spam = `Buy cheap watches ${room}`;
  await seedRoom(alice, room, ['Good morning', spam, 'See you later']);
  const bobPage = await openAs(browser, bob, `/rooms/${room}`);
  const bobFeed = bobPage.getByRole('feed');
  await expect(bobFeed.getByText(spam)).toBeVisible();
  // Marks this document: still there at the end means bob's page never reloaded.
  await bobPage.evaluate(() => Object.assign(globalThis, { parleyNoReload: true }));

  await page.goto(`/moderation?roomId=${room}`);
  await signIn(page, moderator);
  await expect(page).toHaveURL(new RegExp(`/moderation\\?roomId=${room}$`));
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Moderation' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: spam });
  await expect(row).toContainText('Visible');
  await expect(page.getByRole('row')).toHaveCount(4);

  const removeButton = row.getByRole('button', { name: /^Remove/ });
  await removeButton.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Remove message' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Reason (required)')).toBeFocused();
  expect(await seriousViolations(page), 'remove dialog').toEqual([]);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(removeButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByLabel('Reason (required)')).toBeFocused();
  await dialog.getByRole('button', { name: 'Remove message' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Give a reason for removing this message.');
  await page.keyboard.type('spam');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Remove message' })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(dialog).toBeHidden();
  await expect(row).toContainText('Removed');
  await expect(row).toContainText('“spam”');
  await expect(row.getByRole('button', { name: /^Restore/ })).toBeFocused();
  await expect(bobFeed.getByText('Message removed by a moderator')).toBeVisible();
  await expect(bobFeed.getByText(spam)).toHaveCount(0);

  await page.getByRole('tab', { name: 'Audit log' }).click();
  await expect(page).toHaveURL(/tab=audit/);
  const auditRow = page.getByRole('tabpanel', { name: 'Audit log' }).getByRole('row').filter({ hasText: 'Removed' });
  await expect(auditRow).toContainText('Morgan @');
  await expect(auditRow).toContainText('spam');
  await expect(auditRow.getByRole('link', { name: `Message by Alice @alice in #${room}` })).toBeVisible();

  await page.getByRole('tab', { name: 'Messages' }).click();
  await row.getByRole('button', { name: /^Restore/ }).click();
  const restoreDialog = page.getByRole('dialog', { name: 'Restore message' });
  await restoreDialog.getByLabel('Reason (optional)').fill('false alarm');
  await restoreDialog.getByRole('button', { name: 'Restore message' }).click();

  await expect(row).toContainText('Visible');
  await expect(bobFeed.getByText(spam)).toBeVisible();
  await expect(bobFeed.getByText('Message removed by a moderator')).toHaveCount(0);
  expect(await bobPage.evaluate(() => (globalThis as { parleyNoReload?: boolean }).parleyNoReload)).toBe(true);
  await page.getByRole('tab', { name: 'Audit log' }).click();
  await expect(page.getByRole('tabpanel', { name: 'Audit log' }).getByRole('row').filter({ hasText: 'false alarm' })).toContainText('Restored');
  await page.screenshot({ path: test.info().outputPath('moderation-audit.png') });
  await bobPage.context().close();
});

test('a moderator mutes a message’s author from the console, the member sees until when, and an unmute lets them post again', async ({ page, browser }) => {
  const room = uniqueRoom('mod-mute');
  await seedRoom(bob, room, ['first post', `flood ${room}`]);
  const bobPage = await openAs(browser, bob, `/rooms/${room}`);
  const composer = bobPage.getByRole('textbox', { name: 'Message' });
  try {
    await page.goto(`/moderation?roomId=${room}`);
    await signIn(page, moderator);
    const row = page.getByRole('row').filter({ hasText: `flood ${room}` });
    await row.getByRole('button', { name: /^Mute author/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Mute author' });
    await expect(dialog.getByLabel('Mute for')).toBeFocused();
    expect(await seriousViolations(page), 'mute dialog').toEqual([]);
    await dialog.getByLabel('Mute for').selectOption({ label: '10 minutes' });
    await dialog.getByLabel('Reason (required)').fill('flooding');
    await dialog.getByRole('button', { name: 'Mute author' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: /^Muted Bob @bob until / })).toBeAttached();

    await composer.fill('am I muted?');
    await composer.press('Enter');
    const failed = bobPage.getByRole('feed').getByRole('article').filter({ hasText: 'am I muted?' });
    await expect(failed.getByRole('alert')).toContainText(/Not sent: a moderator muted you until .+ \(in 10 minutes\)/);
    await expect(failed.getByRole('button', { name: 'Retry' })).toHaveCount(0);

    await page.getByRole('tab', { name: 'Mutes' }).click();
    await expect(page).toHaveURL(/tab=mutes/);
    const panel = page.getByRole('tabpanel', { name: 'Mutes' });
    const muteRow = panel.getByRole('row').filter({ hasText: 'Bob' });
    await expect(muteRow).toContainText('flooding');
    await muteRow.getByRole('button', { name: 'Unmute Bob' }).click();
    const unmuteDialog = page.getByRole('dialog', { name: 'Unmute author' });
    await expect(unmuteDialog.getByLabel('Reason (optional)')).toBeFocused();
    await unmuteDialog.getByLabel('Reason (optional)').fill('talked it over');
    await unmuteDialog.getByRole('button', { name: 'Unmute author' }).click();
    await expect(panel).toContainText('No one is muted.');
    await expect(page.getByRole('tab', { name: 'Mutes' })).toBeFocused();

    await page.getByRole('tab', { name: 'Audit log' }).click();
    // Mutes belong to no room: the room filter carried over from the messages tab would hide them.
    await page.getByRole('search').getByRole('button', { name: 'Clear' }).click();
    await expect(page).toHaveURL(/\/moderation\?tab=audit$/);
    const audit = page.getByRole('tabpanel', { name: 'Audit log' });
    await expect(audit.getByRole('row').filter({ hasText: 'talked it over' })).toContainText('Unmuted');
    await expect(audit.getByRole('row').filter({ hasText: 'flooding' })).toContainText(/Muted.*Bob @bob, until/);

    await composer.fill('back again');
    await composer.press('Enter');
    await expect(bobPage.getByRole('feed').getByText('back again')).toBeVisible();
    await expect(bobPage.getByRole('feed').getByText('Sending…')).toHaveCount(0);
    await expect(bobPage.getByRole('feed').getByRole('alert')).toHaveCount(1);
    await page.screenshot({ path: test.info().outputPath('moderation-mutes.png') });
  } finally {
    // A mute left behind by a failed step would fail the next specs' posts as Bob.
    await withClient(moderator, async (client) => {
      const { items } = (await client.rest('GET', '/moderation/mutes')).body as ModerationPage<Mute>;
      for (const mute of items) await client.rest('DELETE', `/moderation/mutes/${mute.user.sub}`);
    });
    await bobPage.context().close();
  }
});

test('a member cannot open the moderation console and sees no entry for it', async ({ page }) => {
  await page.goto('/moderation');
  await signIn(page, alice);

  await expect(page).toHaveURL(/\/not-allowed$/);
  await expect(page.getByRole('heading', { name: 'Not allowed', level: 1 })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Moderation' })).toHaveCount(0);
});

test('a row link opens the room at a message far back in scrollback, highlighted', async ({ page }) => {
  const room = uniqueRoom('mod-deep');
  const needle = `needle ${room}`;
  const texts = Array.from({ length: 160 }, (_, i) => (i === 4 ? needle : `hay ${i}`));
  await seedRoom(bob, room, texts);

  await page.goto(`/moderation?roomId=${room}&q=needle`);
  await signIn(page, moderator);
  const row = page.getByRole('row').filter({ hasText: needle });
  await expect(row).toBeVisible();
  await row.getByRole('link', { name: /^Open in room/ }).click();

  await expect(page).toHaveURL(new RegExp(`/rooms/${room}\\?message=`));
  const target = page.getByRole('feed').locator('article[aria-current="true"]');
  await expect(target).toContainText(needle);
  await expect(target).toBeInViewport();
  await expect(target).toBeFocused();
  await expect(page.getByRole('feed').getByText('hay 150', { exact: true })).toHaveCount(0);
  expect(await seriousViolations(page), 'room at a linked message').toEqual([]);

  await page.goBack();
  await expect(page).toHaveURL(/\/moderation\?/);
  await expect(row).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('moderation-deep-link.png') });
});

test('the console filters from a shared URL, exports the current filter, and has no serious axe findings', async ({ page }) => {
  const room = uniqueRoom('mod-export');
  await seedRoom(alice, room, ['first "quoted", text', '<img src=x onerror=alert(1)> as text', 'third']);

  await page.goto(`/moderation?roomId=${room}&author=alice&q=TEXT`);
  await signIn(page, moderator);
  await expect(page.getByLabel('Room')).toHaveValue(room);
  await expect(page.getByLabel('Text contains')).toHaveValue('TEXT');
  await expect(page.getByRole('row')).toHaveCount(3);
  await expect(page.getByRole('row').filter({ hasText: '<img src=x onerror=alert(1)> as text' })).toBeVisible();
  await expect(page.locator('tbody img')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('moderation-console.png') });
  expect(await seriousViolations(page), 'console').toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await seriousViolations(page), 'console, dark').toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });

  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: /^Export CSV/ }).click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toMatch(/^parley-messages-\d{8}T\d{6}Z\.csv$/);
  const csvText = await readFile(await csv.path(), 'utf8');
  expect(csvText.split('\r\n').filter(Boolean)).toHaveLength(3);
  expect(csvText).toContain('"first ""quoted"", text"');
  await expect(page.getByRole('status').filter({ hasText: 'Saved parley-messages-' })).toBeVisible();

  await page.getByRole('tab', { name: 'Audit log' }).click();
  const jsonDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: /^Export JSON/ }).click();
  const json = await jsonDownload;
  expect(json.suggestedFilename()).toMatch(/^parley-audit-\d{8}T\d{6}Z\.json$/);
  expect(JSON.parse(await readFile(await json.path(), 'utf8'))).toMatchObject({ kind: 'audit', filters: { roomId: room }, items: [] });
  expect(await seriousViolations(page), 'audit tab').toEqual([]);
});

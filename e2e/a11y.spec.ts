import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { alice, bob, expect, seedRoom, signIn, test, uniqueRoom, withClient } from './fixtures.ts';

/** Runs axe (WCAG 2.x A and AA rules) and returns the serious and critical violations, summarized. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`in the ${colorScheme} color scheme`, () => {
    test.use({ colorScheme });

    test('every screen has no serious or critical axe violations', async ({ page }) => {
      // Many screens, each with an axe run, on a machine other suites share.
      test.setTimeout(150_000);
      const room = uniqueRoom(`a11y-${colorScheme}`);
      await seedRoom(bob, room, ['Hello there', 'A link: https://example.com/docs', 'Line one\nline two']);
      // A private room of Alice's, so the room list shows its groups and the room its Members dialog.
      const privateName = uniqueRoom(`Private-${colorScheme}`);
      await withClient(alice, (client) => client.rest('POST', '/rooms', { name: privateName, kind: 'private' }));
      const check = async (screen: string) => {
        await page.screenshot({ path: test.info().outputPath(`${screen}-${colorScheme}.png`) });
        expect(await seriousViolations(page), screen).toEqual([]);
      };

      await page.goto('/sign-in');
      await expect(page.getByLabel('Email')).toBeVisible();
      await check('sign-in');

      await signIn(page, alice);
      await expect(page.getByRole('heading', { name: 'Rooms', level: 1 })).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Rooms' }).getByRole('link').first()).toBeVisible();
      await check('room-list');

      await page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: new RegExp(`# ${room}`) }).click();
      await expect(page.getByRole('feed').getByText('Hello there')).toBeVisible();
      await check('room');

      // The message actions: the menu open, the reaction picker, the inline edit field, the delete dialog.
      const composer = page.getByRole('textbox', { name: 'Message' });
      await composer.fill('Mine to change');
      await composer.press('Enter');
      const mine = page.getByRole('feed').locator('article').filter({ hasText: 'Mine to change' });
      await expect(mine.getByRole('button', { name: /^More actions/ })).toBeVisible();
      await mine.getByRole('button', { name: /^More actions/ }).press('ArrowDown');
      await expect(page.getByRole('menuitem', { name: 'Reply' })).toBeFocused();
      await check('message-menu');
      await page.keyboard.press('Escape');
      await mine.getByRole('button', { name: /^React/ }).click();
      await expect(page.getByRole('searchbox', { name: 'Search emoji' })).toBeFocused();
      await check('emoji-picker');
      await page.keyboard.press('Escape');
      await composer.press('ArrowUp');
      await expect(page.getByRole('textbox', { name: 'Edit message' })).toBeFocused();
      await check('edit-field');
      await page.keyboard.press('Escape');
      await mine.getByRole('button', { name: /^More actions/ }).press('ArrowDown');
      await page.getByRole('menuitem', { name: 'Delete' }).press('Enter');
      await expect(page.getByRole('dialog', { name: 'Delete message?' })).toBeVisible();
      await check('delete-dialog');
      await page.getByRole('dialog', { name: 'Delete message?' }).getByRole('button', { name: 'Cancel' }).click();

      await page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: privateName }).click();
      await page.getByRole('button', { name: 'Members' }).click();
      const members = page.getByRole('dialog', { name: `Members of ${privateName}` });
      await expect(members.getByRole('listitem')).toHaveText(/Alice @alice \(owner\)/);
      await check('members-dialog');
      await page.keyboard.press('Escape');
      await expect(members).toBeHidden();

      await page.getByRole('button', { name: 'New message' }).click();
      await expect(page.getByRole('dialog', { name: 'New direct message' }).getByLabel('Their handle')).toBeFocused();
      await check('dm-picker');
      // With the list of people open and one marked: the combobox, its listbox and options.
      await page.keyboard.type('bo');
      await expect(page.getByRole('option', { name: 'Bob @bob' })).toBeVisible();
      await page.keyboard.press('ArrowDown');
      await expect(page.getByRole('option', { name: 'Bob @bob' })).toHaveAttribute('aria-selected', 'true');
      await check('dm-picker-people');
      await page.keyboard.press('Escape');
      await expect(page.getByRole('listbox', { name: 'People' })).toBeHidden();
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog', { name: 'New direct message' })).toBeHidden();

      await page.goto('/no/such/page');
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
      await check('not-found');

      await page.goto('/moderation');
      await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
      await check('not-allowed');

      await page.getByRole('link', { name: /^Profile: / }).click();
      await expect(page.getByRole('textbox', { name: 'Display name' })).toHaveValue(/\S/);
      await check('profile');
    });
  });
}

import { alice, bob, expect, seedRoom, signIn, test, uniqueRoom } from './fixtures.ts';

test.use({ viewport: { width: 360, height: 740 } });

test('on a 360 px screen the room list is a drawer that keeps focus inside and closes on Escape', async ({ page }) => {
  const room = uniqueRoom('drawer');
  await seedRoom(bob, room, ['small screens too']);
  await page.goto(`/rooms/${room}`);
  await signIn(page, alice);
  await expect(page.getByRole('feed').getByText('small screens too')).toBeVisible();
  const toggle = page.getByRole('button', { name: 'Rooms', exact: true });
  const drawer = page.getByRole('complementary', { name: 'Room list' });
  await expect(drawer).toBeHidden();

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(drawer).toBeVisible();
  await expect(drawer.locator(':focus')).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath('drawer-open.png') });
  const focusable = await drawer.locator('a[href], button:not([disabled]), input:not([disabled])').count();
  for (let i = 0; i <= focusable; i += 1) {
    await page.keyboard.press('Tab');
    await expect(drawer.locator(':focus')).toHaveCount(1);
  }
  for (let i = 0; i < 3; i += 1) {
    await page.keyboard.press('Shift+Tab');
    await expect(drawer.locator(':focus')).toHaveCount(1);
  }

  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(toggle).toBeFocused();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
});

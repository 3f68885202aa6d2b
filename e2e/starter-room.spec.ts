import { STARTER_ROOM_ID } from '../core/rooms.ts';
import { expect, signIn, test } from './fixtures.ts';

test('a member who has read no room yet lands in the starter room from the front door; one who has, on the room list', async ({ page }) => {
  await page.goto('/');
  await signIn(page, { email: 'alice@parley.local', password: 'Parley-demo-1', displayName: 'Alice' });

  await expect(page).toHaveURL(new RegExp(`/rooms/${STARTER_ROOM_ID}$`));
  await expect(page.getByRole('region', { name: `Room ${STARTER_ROOM_ID}` })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();

  // Reading the room leaves a read marker once it has a message; from then on the front door is the list.
  await page.getByRole('textbox', { name: 'Message' }).fill('hello, starter room');
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(page.getByRole('feed').getByText('Sending…')).toHaveCount(0);
  await page.goto('/');
  await expect(page).toHaveURL(/\/rooms$/);
  await expect(page.getByRole('heading', { name: 'Rooms', level: 1 })).toBeVisible();
});

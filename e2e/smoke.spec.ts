import { alice, bob, expect, seedRoom, signIn, test, uniqueRoom } from './fixtures.ts';

test('alice signs in through the Authenticator with SRP, as deployed, and sees the room list', async ({ page }) => {
  const signInCalls: { operation: string | undefined; step: string | undefined; body: string }[] = [];
  page.on('request', (request) => {
    const operation = request.headers()['x-amz-target']?.split('.')[1];
    if (operation !== 'InitiateAuth' && operation !== 'RespondToAuthChallenge') return;
    const body = request.postData() ?? '{}';
    const { AuthFlow, ChallengeName } = JSON.parse(body) as { AuthFlow?: string; ChallengeName?: string };
    signInCalls.push({ operation, step: AuthFlow ?? ChallengeName, body });
  });
  await page.goto('/rooms');

  await expect(page).toHaveURL(/\/sign-in\?redirect=/);
  await signIn(page, alice);

  await expect(page).toHaveURL(/\/rooms$/);
  // Polled: Playwright reports a page's requests to the test asynchronously, and the second one's
  // event may still be on its way when the page has already moved on.
  await expect
    .poll(() => signInCalls.map(({ operation, step }) => [operation, step]))
    .toEqual([
      ['InitiateAuth', 'USER_SRP_AUTH'],
      ['RespondToAuthChallenge', 'PASSWORD_VERIFIER'],
    ]);
  expect(signInCalls.map(({ body }) => body).join()).not.toContain(alice.password);
  await expect(page.getByRole('heading', { name: 'Rooms', level: 1 })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('room-list.png') });
});

test('a deep link survives sign-in, and a message sent in the room shows up', async ({ page }) => {
  const room = `smoke-${Date.now().toString(36)}`;
  await page.goto(`/rooms/${room}`);
  await signIn(page, alice);

  await expect(page).toHaveURL(new RegExp(`/rooms/${room}$`));
  await page.getByRole('button', { name: 'Create it' }).click();
  await expect(page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: `# ${room}` })).toBeVisible();
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill('hello from the smoke test https://example.com');
  await composer.press('Enter');

  const feed = page.getByRole('feed');
  await expect(feed.getByText('hello from the smoke test')).toBeVisible();
  await expect(feed.getByRole('link', { name: 'https://example.com' })).toHaveAttribute('rel', 'noopener noreferrer nofollow');
  await expect(feed.getByText('Sending…')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('room.png') });
});

test('a signed-in cold load of a room link asks for its newest page once, before the app has loaded, and shows it', async ({ page }) => {
  const room = uniqueRoom('cold');
  await seedRoom(bob, room, ['first words', 'last words']);
  await page.goto('/rooms');
  await signIn(page, alice);
  await expect(page.getByRole('heading', { name: 'Rooms', level: 1 })).toBeVisible();
  /** In the order the browser asked: `page` for a newest-page request of the room, `app` for the app's own module. */
  const asked: ('page' | 'app')[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (url.includes(`/rooms/${room}/messages`) && !url.includes('after=') && !url.includes('before=')) asked.push('page');
    if (url.includes('/src/app.ts')) asked.push('app');
  });

  await page.goto(`/rooms/${room}`);

  const feed = page.getByRole('feed', { name: `Messages in ${room}` });
  await expect(feed.getByText('last words')).toBeVisible();
  await expect(feed.getByText('first words')).toBeVisible();
  // Sent by the start-up script before the app's own module was even asked for, and adopted by the room.
  expect(asked).toEqual(['page', 'app']);
});

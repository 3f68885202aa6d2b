import { alice, bob, expect, moderator, openAs, renderedMessages, seedRoom, storedHistory, test, uniqueRoom } from './fixtures.ts';

test('alice and bob, in two browser contexts, see the scrollback and exchange messages both ways', async ({ browser }) => {
  const room = uniqueRoom('duo');
  await seedRoom(bob, room, ['scrollback one', 'scrollback two', 'scrollback three']);

  const alicePage = await openAs(browser, alice, `/rooms/${room}`);
  const bobPage = await openAs(browser, bob, `/rooms/${room}`);
  for (const page of [alicePage, bobPage]) {
    await expect(page.getByRole('feed').getByText('scrollback three', { exact: true })).toBeVisible();
    await expect(page.getByRole('feed').getByText('scrollback one', { exact: true })).toBeVisible();
  }

  await alicePage.getByRole('textbox', { name: 'Message' }).fill('Hi Bob, it is Alice');
  await alicePage.getByRole('button', { name: 'Send' }).click();
  await expect(bobPage.getByRole('feed').getByText('Hi Bob, it is Alice')).toBeVisible();
  await bobPage.getByRole('textbox', { name: 'Message' }).fill('Hello Alice!');
  await bobPage.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(alicePage.getByRole('feed').getByText('Hello Alice!')).toBeVisible();

  const expected = ['scrollback one', 'scrollback two', 'scrollback three', 'Hi Bob, it is Alice', 'Hello Alice!'];
  for (const page of [alicePage, bobPage]) {
    await expect(page.getByRole('feed').getByText('Sending…')).toHaveCount(0);
    await expect.poll(async () => (await renderedMessages(page)).map((m) => m.text)).toEqual(expected);
  }
  expect((await storedHistory(room)).map((m) => m.text)).toEqual(expected);
  await expect(bobPage.getByRole('feed').locator('article').filter({ hasText: 'Hi Bob, it is Alice' }).locator('.author')).toHaveText('Alice');

  // A short room sits at the bottom of the message area, next to the composer.
  const lastBox = await alicePage.getByRole('feed').locator('article').last().boundingBox();
  const composerBox = await alicePage.getByRole('textbox', { name: 'Message' }).boundingBox();
  expect((composerBox?.y ?? 0) - ((lastBox?.y ?? 0) + (lastBox?.height ?? 0))).toBeLessThan(120);

  await alicePage.screenshot({ path: test.info().outputPath('alice-room.png') });
  await bobPage.screenshot({ path: test.info().outputPath('bob-room.png') });
  await alicePage.context().close();
  await bobPage.context().close();
});

test('switching rooms through the router updates unread counts and the tab title', async ({ browser }) => {
  const roomA = uniqueRoom('switch-a');
  const roomB = uniqueRoom('switch-b');
  await seedRoom(bob, roomA, ['welcome to A']);
  await seedRoom(bob, roomB, ['welcome to B']);

  const page = await openAs(browser, alice, `/rooms/${roomB}`);
  await expect(page.getByRole('feed').getByText('welcome to B')).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Rooms' });
  await nav.getByRole('link', { name: new RegExp(`# ${roomA}`) }).click();
  await expect(page).toHaveURL(new RegExp(`/rooms/${roomA}$`));
  await expect(page.getByRole('feed').getByText('welcome to A')).toBeVisible();
  const linkB = nav.getByRole('link', { name: new RegExp(`# ${roomB}`) });
  await expect(linkB.locator('.badge')).toHaveCount(0);

  const bobPage = await openAs(browser, bob, `/rooms/${roomB}`);
  for (const text of ['are you there?', 'ping']) {
    await bobPage.getByRole('textbox', { name: 'Message' }).fill(text);
    await bobPage.getByRole('textbox', { name: 'Message' }).press('Enter');
  }

  await expect(linkB.locator('.badge')).toHaveText('2 unread');
  await expect(page).toHaveTitle(/^\(2\) /);
  await page.screenshot({ path: test.info().outputPath('unread.png') });

  await linkB.click();
  await expect(page).toHaveURL(new RegExp(`/rooms/${roomB}$`));
  await expect(page.getByRole('feed').getByText('ping')).toBeVisible();
  await expect(page.getByRole('separator')).toHaveText('New messages');
  await expect(linkB.locator('.badge')).toHaveCount(0);
  await expect(page).not.toHaveTitle(/^\(/);
  await page.context().close();
  await bobPage.context().close();
});

test('each message shows its author as the token stamped it: name, @handle, and a Moderator badge for moderators only', async ({ browser }) => {
  const room = uniqueRoom('authors');
  await seedRoom(alice, room, ['a member speaks']);
  await seedRoom(moderator, room, ['a moderator speaks']);

  const bobPage = await openAs(browser, bob, `/rooms/${room}`);
  const header = (text: string) => bobPage.getByRole('feed').getByRole('article').filter({ hasText: text }).locator('header');

  await expect(header('a member speaks')).toContainText(/^Alice @alice\s/);
  await expect(header('a member speaks').getByText('Moderator', { exact: true })).toHaveCount(0);
  await expect(header('a moderator speaks').locator('.author')).toHaveText('Morgan');
  await expect(header('a moderator speaks').locator('.handle')).toHaveText(/^@[a-z0-9_]{3,20}$/);
  await expect(header('a moderator speaks').getByText('Moderator', { exact: true })).toBeVisible();
  await bobPage.context().close();
});

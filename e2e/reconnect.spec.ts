import {
  alice,
  bob,
  expect,
  faults,
  openAs,
  renderedMessages,
  seedRoom,
  storedHistory,
  test,
  tokenClaims,
  uniqueRoom,
} from './fixtures.ts';

test("after the local cloud drops alice's socket while both send, nothing is missing and nothing is doubled", async ({ browser }) => {
  const room = uniqueRoom('drop');
  await seedRoom(bob, room, ['before the drop']);
  const alicePage = await openAs(browser, alice, `/rooms/${room}`);
  const bobPage = await openAs(browser, bob, `/rooms/${room}`);
  await expect(alicePage.getByRole('feed').getByText('before the drop')).toBeVisible();
  const gapFills: string[] = [];
  alicePage.on('request', (request) => {
    if (request.url().includes(`/rooms/${room}/messages`) && request.url().includes('after=')) gapFills.push(request.url());
  });

  const { sub } = await tokenClaims(alicePage);
  expect(sub).toBeTruthy();
  expect(await faults({ dropConnections: { sub } })).toEqual({ dropped: 1 });
  await expect(alicePage.getByText('Connection lost. Reconnecting…')).toBeVisible();
  const bobTexts = Array.from({ length: 6 }, (_, i) => `while alice was away ${i}`);
  for (const text of bobTexts) {
    await bobPage.getByRole('textbox', { name: 'Message' }).fill(text);
    await bobPage.getByRole('textbox', { name: 'Message' }).press('Enter');
  }
  // Alice's own send goes over HTTP; its echo would have come over the socket that is down.
  await alicePage.getByRole('textbox', { name: 'Message' }).fill('alice, offline echo');
  await alicePage.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(bobPage.getByRole('feed').getByText('Sending…')).toHaveCount(0);

  await expect(alicePage.getByText('Connection lost. Reconnecting…')).toBeHidden({ timeout: 30_000 });
  const feed = alicePage.getByRole('feed');
  for (const text of bobTexts) await expect(feed.getByText(text, { exact: true })).toBeVisible();
  await expect(feed.getByText('alice, offline echo', { exact: true })).toBeVisible();
  await expect(feed.getByText('Sending…')).toHaveCount(0);
  expect(gapFills.length).toBeGreaterThan(0);

  const stored = await storedHistory(room);
  expect(stored).toHaveLength(8);
  await expect.poll(() => renderedMessages(alicePage)).toEqual(stored.map(({ id, text }) => ({ id, text })));
  await expect.poll(() => renderedMessages(bobPage)).toEqual(stored.map(({ id, text }) => ({ id, text })));
  await alicePage.screenshot({ path: test.info().outputPath('after-reconnect.png') });
  await alicePage.context().close();
  await bobPage.context().close();
});

test("a send the server did not store shows the server's error, and Retry stores it exactly once", async ({ browser }) => {
  const room = uniqueRoom('retry');
  await seedRoom(bob, room, ['hello']);
  const page = await openAs(browser, alice, `/rooms/${room}`);
  await expect(page.getByRole('feed').getByText('hello')).toBeVisible();

  await faults({ lambda: { name: 'persist-messages', fault: { failNext: 1 } } });
  await page.getByRole('textbox', { name: 'Message' }).fill('second time lucky');
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  const failed = page.getByRole('feed').locator('article').filter({ hasText: 'second time lucky' });
  await expect(failed.getByRole('alert')).toContainText('Not sent: the server could not store it');
  await page.screenshot({ path: test.info().outputPath('failed-send.png') });

  await failed.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('feed').getByText('Sending…')).toHaveCount(0);
  await expect(page.getByRole('feed').getByRole('alert')).toHaveCount(0);
  await page.getByRole('button', { name: 'Retry' }).waitFor({ state: 'detached' });
  const stored = await storedHistory(room);
  expect(stored.map((m) => m.text)).toEqual(['hello', 'second time lucky']);
  await expect.poll(() => renderedMessages(page)).toEqual(stored.map(({ id, text }) => ({ id, text })));
  await page.context().close();
});

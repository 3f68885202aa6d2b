import type { Page } from '@playwright/test';
import { alice, bob, expect, openAs, seedRoom, test, uniqueRoom } from './fixtures.ts';

const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1;alert(1)">',
  '<script>window.__pwned=2;alert(2)</script>',
  '"><svg onload="window.__pwned=3">',
  '<a href="javascript:window.__pwned=4">click me</a>',
  'javascript:window.__pwned=5',
  '[link](javascript:window.__pwned=6)',
  '<iframe src="data:text/html,<script>parent.__pwned=7</script>"></iframe>',
  '{{ constructor.constructor("window.__pwned=8")() }}',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
];

/** A sentinel and a dialog listener: anything that executes flips one of them. */
async function watchForExecution(page: Page): Promise<string[]> {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.evaluate('window.__pwned = undefined');
  return dialogs;
}

test('XSS strings render as plain text and nothing executes, for the sender and from history', async ({ browser }) => {
  const room = uniqueRoom('xss');
  await seedRoom(bob, room, PAYLOADS.map((p) => `history: ${p}`));
  const alicePage = await openAs(browser, alice, `/rooms/${room}`);
  const bobPage = await openAs(browser, bob, `/rooms/${room}`);
  const aliceDialogs = await watchForExecution(alicePage);
  const bobDialogs = await watchForExecution(bobPage);

  for (const payload of PAYLOADS) {
    await alicePage.getByRole('textbox', { name: 'Message' }).fill(`live: ${payload}`);
    await alicePage.getByRole('button', { name: 'Send' }).click();
  }

  for (const page of [alicePage, bobPage]) {
    const feed = page.getByRole('feed');
    await expect(feed.getByText('Sending…')).toHaveCount(0);
    for (const payload of PAYLOADS) {
      await expect(feed.locator('.text').filter({ hasText: `live: ${payload}` })).toHaveText(`live: ${payload}`);
      await expect(feed.locator('.text').filter({ hasText: `history: ${payload}` })).toHaveText(`history: ${payload}`);
    }
    await expect(feed.locator('img, script, svg, iframe')).toHaveCount(0);
    await expect(feed.locator('a')).toHaveCount(0);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
  }
  await alicePage.getByRole('feed').getByText('live: javascript:window.__pwned=5').click();
  await alicePage.screenshot({ path: test.info().outputPath('xss.png'), fullPage: true });
  expect(await alicePage.evaluate('window.__pwned')).toBeUndefined();
  expect(aliceDialogs).toEqual([]);
  expect(bobDialogs).toEqual([]);
  await alicePage.context().close();
  await bobPage.context().close();
});

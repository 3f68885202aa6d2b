import { alice, bob, expect, faults, seedRoom, signIn, test, uniqueRoom } from './fixtures.ts';

test('scrolling up loads older pages without moving what is on screen', async ({ page }) => {
  const room = uniqueRoom('scroll');
  await seedRoom(bob, room, Array.from({ length: 200 }, (_, i) => `seed ${i}`));

  await page.goto(`/rooms/${room}`);
  await signIn(page, alice);
  const feed = page.getByRole('feed');
  await expect(feed.getByText('seed 199', { exact: true })).toBeInViewport();
  expect(await feed.locator('article').count()).toBeLessThanOrEqual(150);

  await faults({ lambda: { name: 'history', fault: { delayMs: 1500 } } });
  const scroller = page.getByRole('region', { name: `Messages in ${room}` });
  await scroller.evaluate((el) => el.scrollTo(0, 0));
  const loading = page.getByText('Loading older messages…');
  await expect(loading).toBeVisible();
  const probe = feed.getByText('seed 152', { exact: true });
  const before = await probe.boundingBox();
  await expect(feed.getByText('seed 149', { exact: true })).toBeAttached();
  await expect(loading).toBeHidden();
  // Two frames: the prepend is measured and the scroll position restored before anything is read.
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
  const after = await probe.boundingBox();
  await faults({ clear: true });

  expect(Math.abs((after?.y ?? 0) - (before?.y ?? -100))).toBeLessThanOrEqual(2);
  await page.screenshot({ path: test.info().outputPath('scrollback.png') });
  await scroller.evaluate((el) => el.scrollTo(0, 0));
  await expect(feed.getByText('seed 99', { exact: true })).toBeAttached();
});

test('a room left for another and opened again is as it was left: scroll position and draft', async ({ page }) => {
  const room = uniqueRoom('keep');
  const other = uniqueRoom('other');
  await seedRoom(bob, room, Array.from({ length: 120 }, (_, i) => `kept ${i}`));
  await seedRoom(bob, other, ['elsewhere']);

  await page.goto(`/rooms/${room}`);
  await signIn(page, alice);
  const feed = page.getByRole('feed', { name: `Messages in ${room}` });
  await expect(feed.getByText('kept 119', { exact: true })).toBeInViewport();
  const scroller = page.getByRole('region', { name: `Messages in ${room}` });
  // Up by a screenful and a half: away from the bottom, short of where older pages load.
  await scroller.evaluate((el) => el.scrollBy(0, -1.5 * el.clientHeight));
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
  const firstInView = async () =>
    scroller.evaluate((el) => {
      const top = el.getBoundingClientRect().top;
      const article = [...el.querySelectorAll('article')].find((a) => a.getBoundingClientRect().top >= top);
      return { text: article?.querySelector('.text')?.textContent, y: article?.getBoundingClientRect().top };
    });
  const left = await firstInView();
  expect(left.text).toMatch(/^kept \d+$/);
  await page.getByRole('textbox', { name: 'Message' }).fill('half-written');

  await page.getByRole('link', { name: new RegExp(`# ${other}`) }).click();
  await expect(page.getByRole('feed', { name: `Messages in ${other}` }).getByText('elsewhere')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Message' })).toHaveValue('');
  await page.getByRole('link', { name: new RegExp(`# ${room}`) }).click();
  await expect(feed).toBeVisible();
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');

  const back = await firstInView();
  expect(back.text).toBe(left.text);
  expect(Math.abs((back.y ?? 0) - (left.y ?? -100))).toBeLessThanOrEqual(2);
  await expect(page.getByRole('textbox', { name: 'Message' })).toHaveValue('half-written');
});

test('a room opened from the list shows its newest messages in its first frame, not the space above them', async ({ page }) => {
  const room = uniqueRoom('first-frame');
  const start = uniqueRoom('start');
  await seedRoom(bob, room, Array.from({ length: 60 }, (_, i) => `frame ${i}`));
  await seedRoom(bob, start, ['start here']);
  await page.goto(`/rooms/${start}`);
  await signIn(page, alice);
  await expect(page.getByText('start here')).toBeVisible();

  // Watches for the new room's first message row and reads, in the frame it is first painted in,
  // whether the newest message is inside the scroller's box.
  // A string, run in the page (this project's types have no DOM); the comma leaves the promise unawaited.
  await page.evaluate(`(window.firstFrame = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const feed = document.querySelector('[role="feed"][aria-label="Messages in ${room}"]');
      if (!feed || !feed.querySelector('article')) return;
      observer.disconnect();
      requestAnimationFrame(() => {
        const box = feed.closest('[role="region"]').getBoundingClientRect();
        const newest = [...feed.querySelectorAll('article')].find((a) => a.querySelector('.text')?.textContent === 'frame 59');
        const at = newest?.getBoundingClientRect();
        resolve({ rendered: newest !== undefined, inView: at !== undefined && at.top >= box.top && at.bottom <= box.bottom + 1 });
      });
    });
    observer.observe(document, { childList: true, subtree: true });
  }), null)`);
  await page.getByRole('link', { name: new RegExp(`# ${room}`) }).click();

  expect(await page.evaluate('window.firstFrame')).toEqual({ rendered: true, inView: true });
});

import { alice, bob, expect, openAs, seedRoom, test, uniqueRoom } from './fixtures.ts';

const LOOK_ALIKE = 'https://\u0430pple.com/login';
const UMLAUT = 'https://bücher.example/b';
const USERINFO = 'https://good.example@evil.example/login';
const PASSWORD = 'https://good.example:pass@evil.example/';
const BASE = 'https://example.com/';
// A run of punctuation inside the URL, then closing parentheses: 4,000 characters, the longest message.
const PUNCTUATION_PATH = `${BASE}${'.'.repeat(2000)}a`;
const ADVERSARIAL = PUNCTUATION_PATH + ')'.repeat(4000 - PUNCTUATION_PATH.length);

test('links show the host they go to, and userinfo links stay text, in Chromium', async ({ browser }) => {
  const room = uniqueRoom('links');
  await seedRoom(bob, room, [ADVERSARIAL, `look-alike ${LOOK_ALIKE}`, `umlaut ${UMLAUT}`, `user ${USERINFO}`, `password ${PASSWORD}`]);
  const page = await openAs(browser, alice, `/rooms/${room}`);
  const feed = page.getByRole('feed');
  const message = (start: string) => feed.locator('.text').filter({ hasText: start });

  for (const [start, typed, href, host] of [
    ['look-alike', LOOK_ALIKE, 'https://xn--pple-43d.com/login', 'xn--pple-43d.com'],
    ['umlaut', UMLAUT, 'https://xn--bcher-kva.example/b', 'xn--bcher-kva.example'],
  ] as const) {
    const link = message(start).getByRole('link');
    await expect(link).toHaveText(typed);
    await expect(link).toHaveAttribute('href', href);
    // Chromium's own parse of the attribute goes to the same place.
    expect(await link.evaluate((a) => (a as unknown as { href: string }).href)).toBe(href);
    await expect(message(start).locator('.link-host')).toHaveText(`(${host})`);
    await expect(message(start)).toHaveText(`${start} ${typed}(${host})`);
  }
  for (const [start, typed] of [
    ['user', USERINFO],
    ['password', PASSWORD],
  ] as const) {
    await expect(message(start)).toHaveText(`${start} ${typed}`);
    await expect(message(start).locator('*')).toHaveCount(0);
  }
  const adversarial = message(BASE);
  await expect(adversarial).toHaveText(ADVERSARIAL);
  await expect(adversarial.getByRole('link')).toHaveText(PUNCTUATION_PATH);
  await expect(adversarial.locator('.link-host')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('links.png') });
  await page.context().close();
});

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { BackendOutputs } from '../src/config.ts';
import { startAmplifyClient } from '../tests/support/amplify-client.ts';
import { alice, bob, expect, signIn, test } from './fixtures.ts';

async function faults(command: unknown): Promise<void> {
  const response = await fetch(`${process.env.PARLEY_E2E_EVENTS_URL?.replace(/\/event$/, '')}/_local/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(command),
  });
  expect(response.ok).toBe(true);
}

test('scrolling up loads older pages without moving what is on screen', async ({ page }) => {
  const room = `scroll-${Date.now().toString(36)}`;
  const outputs = JSON.parse(readFileSync(process.env.PARLEY_OUTPUTS as string, 'utf8')) as BackendOutputs;
  const seeder = startAmplifyClient(outputs);
  try {
    await seeder.signIn(bob.email, bob.password);
    await seeder.rest('POST', '/rooms', { name: room });
    for (let b = 0; b < 40; b += 1) {
      const batch = Array.from({ length: 5 }, (_, i) => ({ type: 'message', clientMsgId: randomUUID(), text: `seed ${b * 5 + i}` }));
      await seeder.post(`/chat/rooms/${room}`, batch);
    }
  } finally {
    await seeder.close();
  }

  await page.goto(`/rooms/${room}`);
  await signIn(page, alice);
  const feed = page.getByRole('feed');
  await expect(feed.getByText('seed 199', { exact: true })).toBeInViewport();
  expect(await feed.locator('article').count()).toBeLessThanOrEqual(150);

  await faults({ lambda: { name: 'history', fault: { delayMs: 1500 } } });
  const scroller = page.getByRole('region', { name: `Messages in ${room}` });
  await scroller.evaluate((el) => el.scrollTo(0, 0));
  await expect(page.getByText('Loading older messages…')).toBeVisible();
  const probe = feed.getByText('seed 152', { exact: true });
  const before = await probe.boundingBox();
  await expect(feed.getByText('seed 149', { exact: true })).toBeAttached();
  await page.waitForTimeout(300);
  const after = await probe.boundingBox();
  await faults({ clear: true });

  expect(Math.abs((after?.y ?? 0) - (before?.y ?? -100))).toBeLessThanOrEqual(2);
  await page.screenshot({ path: test.info().outputPath('scrollback.png') });
  await scroller.evaluate((el) => el.scrollTo(0, 0));
  await expect(feed.getByText('seed 99', { exact: true })).toBeAttached();
});

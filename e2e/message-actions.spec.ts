import { randomBytes, randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { Author, ChatMessage } from '../core/messages.ts';
import { createMessageIdGenerator } from '../functions/lib/message-id.ts';
import { toMessageItem } from '../functions/lib/message-item.ts';
import { alice, bob, type DemoUser, expect, faults, openAs, seedRoom, storedHistory, test, tokenClaims, uniqueRoom, withClient } from './fixtures.ts';

/** The row of the stored message whose text contains `text`. */
function row(page: Page, text: string) {
  return page.getByRole('feed').locator('article').filter({ has: page.locator('.text', { hasText: text }) });
}

/**
 * Notifications are observed as the page constructs them (`window.__notifications`); the page
 * reports itself hidden while `window.__hidden` is true.
 */
async function watchNotifications(context: BrowserContext): Promise<void> {
  await context.grantPermissions(['notifications']);
  await context.addInitScript(`(() => {
    const shown = [];
    const Real = window.Notification;
    function Watched(title, options) {
      shown.push({ title, body: options && options.body });
      return new Real(title, options);
    }
    Object.defineProperty(Watched, 'permission', { get: () => Real.permission });
    Watched.requestPermission = Real.requestPermission.bind(Real);
    window.Notification = Watched;
    window.__notifications = shown;
    window.__hidden = false;
    Object.defineProperty(document, 'visibilityState', { get: () => (window.__hidden ? 'hidden' : 'visible') });
  })()`);
}

/** Resolves once the page's subscription to a user channel (`/signals/users/<sub>`) is acknowledged. */
function userChannelReady(page: Page): Promise<void> {
  return new Promise((resolve) => {
    const ids = new Set<string>();
    page.on('websocket', (socket) => {
      socket.on('framesent', ({ payload }) => {
        const frame = JSON.parse(String(payload)) as { type?: string; id?: string; channel?: string };
        if (frame.type === 'subscribe' && frame.id && frame.channel?.startsWith('/signals/users/')) ids.add(frame.id);
      });
      socket.on('framereceived', ({ payload }) => {
        const frame = JSON.parse(String(payload)) as { type?: string; id?: string };
        if (frame.type === 'subscribe_success' && frame.id && ids.has(frame.id)) resolve();
      });
    });
  });
}

/**
 * `user` signed in at `path` in a context of their own (`prepare` runs on it first), once their
 * page shows `text` and listens on their own channel, so nothing published after this is missed.
 */
async function openListening(browser: Browser, user: DemoUser, path: string, text: string, prepare?: (context: BrowserContext) => Promise<void>): Promise<Page> {
  const context = await browser.newContext({ baseURL: process.env.PARLEY_E2E_URL });
  await prepare?.(context);
  const page = await context.newPage();
  const listening = userChannelReady(page);
  await page.goto(path);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('feed').getByText(text)).toBeVisible();
  await listening;
  return page;
}

async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
  await expect(page.getByRole('feed').getByText('Sending…')).toHaveCount(0);
}

/** Opens a row's menu from the keyboard and chooses `item`. */
async function choose(page: Page, text: string, item: string): Promise<void> {
  const menuButton = row(page, text).getByRole('button', { name: /^More actions/ });
  await menuButton.focus();
  await page.keyboard.press('ArrowDown');
  const menu = page.getByRole('menu');
  await expect(menu).toBeVisible();
  await menu.getByRole('menuitem', { name: item }).focus();
  await page.keyboard.press('Enter');
}

test('a reply quotes what it answers, and activating the quote loads older pages back to the original', async ({ browser }) => {
  const room = uniqueRoom('reply');
  await seedRoom(bob, room, ['the original question', ...Array.from({ length: 60 }, (_, i) => `filler ${i}`)]);
  const [original] = await storedHistory(room);
  await withClient(bob, async (client) => {
    const reply = { type: 'message', clientMsgId: randomUUID(), text: 'answering myself', replyTo: original!.id };
    expect(await client.post(`/chat/rooms/${room}`, [reply])).toBeNull();
  });
  const page = await openAs(browser, alice, `/rooms/${room}`);

  const quote = row(page, 'answering myself').getByRole('button', { name: /In reply to Bob/ });
  await expect(quote).toHaveText(/Bob @bob: the original question/);
  await expect(page.getByRole('feed').getByText('the original question', { exact: true })).toHaveCount(0);
  await quote.press('Enter');

  const target = page.locator(`article[data-key="${original!.id}"]`);
  await expect(target).toBeFocused();
  await expect(target).toHaveAttribute('aria-current', 'true');

  await choose(page, 'the original question', 'Reply');
  await expect(page.getByText('Replying to Bob @bob: the original question')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused();
  await send(page, 'a reply from the menu');
  await expect(row(page, 'a reply from the menu').getByRole('button', { name: /In reply to Bob/ })).toHaveText(/the original question/);
  await page.context().close();
});

test('↑ in an empty composer edits the last message; the edit reaches the other reader; a deletion asks first and leaves a tombstone', async ({ browser }) => {
  const room = uniqueRoom('edit');
  await seedRoom(bob, room, ['hello']);
  const alicePage = await openAs(browser, alice, `/rooms/${room}`);
  const bobPage = await openAs(browser, bob, `/rooms/${room}`);
  await send(alicePage, 'helo wrld');

  await alicePage.getByRole('textbox', { name: 'Message' }).press('ArrowUp');
  const field = alicePage.getByRole('textbox', { name: 'Edit message' });
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('helo wrld');
  await field.fill('hello world');
  await field.press('Enter');

  await expect(row(alicePage, 'hello world')).toContainText('(edited');
  await expect(row(bobPage, 'hello world')).toContainText('(edited');
  await expect(bobPage.getByRole('feed').getByText('helo wrld')).toHaveCount(0);
  await expect(alicePage.getByRole('textbox', { name: 'Message' })).toBeFocused();

  await alicePage.getByRole('textbox', { name: 'Message' }).press('ArrowUp');
  await alicePage.getByRole('textbox', { name: 'Edit message' }).press('Escape');
  await expect(alicePage.getByRole('textbox', { name: 'Edit message' })).toHaveCount(0);
  await expect(row(alicePage, 'hello world')).toBeVisible();

  await choose(alicePage, 'hello world', 'Delete');
  const dialog = alicePage.getByRole('dialog', { name: 'Delete message?' });
  await expect(dialog).toContainText('hello world');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(dialog).toBeHidden();

  await expect(alicePage.getByRole('feed').getByText('This message was deleted')).toBeVisible();
  await expect(alicePage.getByRole('feed').locator('article').filter({ hasText: 'This message was deleted' })).toBeFocused();
  await expect(bobPage.getByRole('feed').getByText('This message was deleted')).toBeVisible();
  await expect(bobPage.getByRole('feed').getByText('hello world')).toHaveCount(0);
  await alicePage.context().close();
  await bobPage.context().close();
});

test('a reaction from the picker shows as a chip for both readers, and the chip takes it back', async ({ browser }) => {
  const room = uniqueRoom('react');
  await seedRoom(bob, room, ['react to me']);
  const alicePage = await openAs(browser, alice, `/rooms/${room}`);
  const bobPage = await openAs(browser, bob, `/rooms/${room}`);

  await row(alicePage, 'react to me').getByRole('button', { name: /^React/ }).click();
  const search = alicePage.getByRole('searchbox', { name: 'Search emoji' });
  await expect(search).toBeFocused();
  await search.fill('party');
  await search.press('Enter');

  const chip = row(alicePage, 'react to me').getByRole('button', { name: '🎉 1' });
  await expect(chip).toHaveAttribute('aria-pressed', 'true');
  const bobChip = row(bobPage, 'react to me').getByRole('button', { name: '🎉 1' });
  await expect(bobChip).toHaveAttribute('aria-pressed', 'false');
  await bobChip.focus();
  await expect(row(bobPage, 'react to me').getByRole('tooltip')).toHaveText('Alice @alice reacted with 🎉');

  await bobChip.press('Enter');
  await expect(row(alicePage, 'react to me').getByRole('button', { name: '🎉 2' })).toBeVisible();
  await row(alicePage, 'react to me').getByRole('button', { name: '🎉 2' }).click();
  await expect(row(alicePage, 'react to me').getByRole('button', { name: '🎉 1' })).toHaveAttribute('aria-pressed', 'false');
  await expect(row(bobPage, 'react to me').getByRole('button', { name: '🎉 1' })).toHaveAttribute('aria-pressed', 'true');
  await alicePage.context().close();
  await bobPage.context().close();
});

test('@ autocompletes a handle; the mention is highlighted for the one mentioned, who gets a notification while the tab is hidden', async ({ browser }) => {
  const room = uniqueRoom('mention');
  await seedRoom(alice, room, ['welcome']);
  const bobPage = await openListening(browser, bob, `/rooms/${room}`, 'welcome', watchNotifications);
  const alicePage = await openAs(browser, alice, `/rooms/${room}`);

  const composer = alicePage.getByRole('textbox', { name: 'Message' });
  await composer.pressSequentially('hi @bo');
  const option = alicePage.getByRole('option', { name: 'Bob @bob' });
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await expect(composer).toHaveAttribute('aria-activedescendant', (await option.getAttribute('id')) as string);
  await composer.press('Enter');
  await expect(composer).toHaveValue('hi @bob ');
  await bobPage.evaluate('window.__hidden = true');
  await composer.pressSequentially('are you there?');
  await composer.press('Enter');

  const mention = row(bobPage, 'are you there?').locator('mark.mention');
  await expect(mention).toHaveText('@bob');
  await expect(mention).toHaveClass(/self/);
  await expect(row(alicePage, 'are you there?').locator('mark.mention')).not.toHaveClass(/self/);
  await expect.poll(() => bobPage.evaluate('window.__notifications')).toEqual([
    { title: 'Alice @alice mentioned you', body: 'hi @bob are you there?' },
  ]);
  await alicePage.context().close();
  await bobPage.context().close();
});

test('a mention in a room the reader has not open badges that room in the list and notifies while hidden; opening the room clears the badge', async ({ browser }) => {
  // Early in the alphabetical list, so its row is among those rendered.
  const elsewhere = uniqueRoom('0-elsewhere');
  const here = uniqueRoom('here');
  await seedRoom(alice, elsewhere, ['before anyone looked']);
  await seedRoom(alice, here, ['welcome']);
  const bobPage = await openListening(browser, bob, `/rooms/${here}`, 'welcome', watchNotifications);
  const elsewhereRow = bobPage.getByRole('navigation', { name: 'Rooms' }).locator('a.room', { hasText: elsewhere });
  await expect(elsewhereRow).toBeVisible();
  await expect(elsewhereRow.locator('.badge.mention')).toHaveCount(0);
  await bobPage.evaluate('window.__hidden = true');

  await withClient(alice, async (client) => {
    expect(await client.post(`/chat/rooms/${elsewhere}`, [{ type: 'message', clientMsgId: randomUUID(), text: 'psst @bob, over here' }])).toBeNull();
  });

  await expect(elsewhereRow.locator('.badge.mention')).toHaveText('@1 mention');
  await expect.poll(() => bobPage.evaluate('window.__notifications')).toEqual([{ title: 'Alice @alice mentioned you', body: 'psst @bob, over here' }]);
  await bobPage.evaluate('window.__hidden = false');
  await elsewhereRow.click();
  await expect(bobPage.getByRole('feed').getByText('psst @bob, over here')).toBeVisible();
  await expect(elsewhereRow.locator('.badge.mention')).toHaveCount(0);
  await bobPage.context().close();
});

test('a mention made while the reader\'s app was closed badges its room in the list once they open the app again', async ({ browser }) => {
  const elsewhere = uniqueRoom('0-while-away');
  const here = uniqueRoom('here');
  await seedRoom(alice, elsewhere, ['before anyone looked']);
  await seedRoom(alice, here, ['welcome']);
  // Bob has used the app before (his handle exists), then closed it.
  await (await openAs(browser, bob, `/rooms/${here}`)).context().close();

  await withClient(alice, async (client) => {
    expect(await client.post(`/chat/rooms/${elsewhere}`, [{ type: 'message', clientMsgId: randomUUID(), text: 'while you were out, @bob' }])).toBeNull();
  });
  const bobPage = await openAs(browser, bob, `/rooms/${here}`);

  const elsewhereRow = bobPage.getByRole('navigation', { name: 'Rooms' }).locator('a.room', { hasText: elsewhere });
  await expect(elsewhereRow.locator('.badge.mention')).toHaveText('@1 mention');
  await elsewhereRow.click();
  await expect(bobPage.getByRole('feed').getByText('while you were out, @bob')).toBeVisible();
  await expect(elsewhereRow.locator('.badge.mention')).toHaveCount(0);
  await bobPage.context().close();
});

test('a mention whose message its author deletes stops badging its room: at once while the app is open, and for an app opened afterwards', async ({ browser }) => {
  const live = uniqueRoom('0-deleted-live');
  const away = uniqueRoom('0-deleted-away');
  const here = uniqueRoom('here');
  await Promise.all([seedRoom(alice, live, ['before anyone looked']), seedRoom(alice, away, ['before anyone looked']), seedRoom(alice, here, ['welcome'])]);
  const mention = async (room: string, text: string) =>
    withClient(alice, async (client) => {
      expect(await client.post(`/chat/rooms/${room}`, [{ type: 'message', clientMsgId: randomUUID(), text }])).toBeNull();
      return (await storedHistory(room)).find((m) => m.text === text)!.id;
    });
  const remove = async (room: string, messageId: string) =>
    withClient(alice, async (client) => expect(await client.post(`/chat/rooms/${room}`, [{ type: 'delete', messageId }])).toBeNull());

  // Away: mentioned and deleted while Bob's app is closed.
  await (await openAs(browser, bob, `/rooms/${here}`)).context().close();
  await remove(away, await mention(away, 'sorry, wrong person @bob'));
  await mention(away, 'this one is for you, @bob');

  const bobPage = await openListening(browser, bob, `/rooms/${here}`, 'welcome');
  const rooms = bobPage.getByRole('navigation', { name: 'Rooms' });
  // Of the two mentions stored while away, the one deleted does not count.
  await expect(rooms.locator('a.room', { hasText: away }).locator('.badge.mention')).toHaveText('@1 mention');

  // Live: mentioned, badged, then deleted.
  const liveRow = rooms.locator('a.room', { hasText: live });
  const id = await mention(live, 'psst @bob');
  await expect(liveRow.locator('.badge.mention')).toHaveText('@1 mention');
  await remove(live, id);
  await expect(liveRow.locator('.badge.mention')).toHaveCount(0);
  await bobPage.context().close();
});

/**
 * `texts` stored in `room` as `author`'s, a minute before now: older than the margin a gap fill
 * starts before the newest message held, so a change to one reaches a reader who was offline only
 * through the gap fill's updates. Written to the local cloud's DynamoDB as persist-messages
 * stores messages.
 */
async function seedEarlier(room: string, author: Author, texts: string[]): Promise<void> {
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: 'us-east-1', endpoint: process.env.PARLEY_E2E_DYNAMO_URL, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  );
  const nextId = createMessageIdGenerator(randomBytes);
  const at = Date.now() - 60_000;
  try {
    for (const [i, text] of texts.entries()) {
      const id = nextId(at + i);
      const message = { id, roomId: room, text, author, createdAt: new Date(at + i).toISOString(), clientMsgId: randomUUID() };
      await db.send(new PutCommand({ TableName: 'parley', Item: toMessageItem(message) }));
    }
  } finally {
    db.destroy();
  }
}

test('a reader offline during an edit, a delete and a reaction of older messages sees all three after reconnecting', async ({ browser }) => {
  const room = uniqueRoom('offline-changes');
  await seedRoom(bob, room, ['the newest message']);
  const author = await withClient(bob, async (client) => ((await client.rest('GET', `/rooms/${room}/messages`)).body as { items: ChatMessage[] }).items[0]!.author);
  await seedEarlier(room, author, ['to be edited', 'to be deleted', 'to be liked']);
  const alicePage = await openAs(browser, alice, `/rooms/${room}`);
  await expect(alicePage.getByRole('feed').getByText('to be liked')).toBeVisible();
  const [edited, deleted, liked] = await storedHistory(room);

  const { sub } = await tokenClaims(alicePage);
  expect(await faults({ dropConnections: { sub } })).toEqual({ dropped: 1 });
  await expect(alicePage.getByText('Connection lost. Reconnecting…')).toBeVisible();
  await withClient(bob, async (client) => {
    const changes = [
      { type: 'edit', messageId: edited!.id, text: 'edited while alice was away' },
      { type: 'delete', messageId: deleted!.id },
      { type: 'reaction', messageId: liked!.id, emoji: '👍', add: true },
    ];
    expect(await client.post(`/chat/rooms/${room}`, changes)).toBeNull();
  });

  await expect(alicePage.getByText('Connection lost. Reconnecting…')).toBeHidden({ timeout: 30_000 });
  const feed = alicePage.getByRole('feed');
  await expect(feed.getByText('edited while alice was away')).toBeVisible();
  await expect(feed.getByText('This message was deleted')).toBeVisible();
  await expect(feed.getByText('to be deleted')).toHaveCount(0);
  await expect(row(alicePage, 'to be liked').getByRole('button', { name: '👍 1' })).toHaveAttribute('aria-pressed', 'false');
  await alicePage.context().close();
});

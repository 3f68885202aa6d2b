import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, RouterView } from 'vue-router';
import { roomChannel } from '../../core/channels.ts';
import type { Room } from '../../core/rooms.ts';
import { createAppRouter } from '../router/index.ts';
import { MODERATION_SERVICE } from '../services/moderation.ts';
import { SERVICES } from '../services/services.ts';
import { createFakeModeration } from '../test-support/fake-moderation.ts';
import { ALICE, createTestContext, settle, storedMessage, type TestContext } from '../test-support/fake-services.ts';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

const LOBBY: Room = { id: 'lobby', name: 'Lobby', kind: 'public' as const, lastMessageAt: null };
const ATTIC: Room = { id: 'attic', name: 'Attic', kind: 'public' as const, lastMessageAt: null, archived: true };
const NOTICE = 'This room is archived: you can read it, but nobody can post in it.';

/** The rooms screens at `url` with fake services; a moderator also gets the fake moderation API. */
async function mountRooms(ctx: TestContext, url: string, moderation = createFakeModeration()) {
  const router = createAppRouter(ctx.pinia, createMemoryHistory());
  await router.push(url);
  const wrapper = mount(defineComponent(() => () => h(RouterView)), {
    global: { plugins: [ctx.pinia, router], provide: { [SERVICES as symbol]: ctx.services, [MODERATION_SERVICE as symbol]: moderation } },
    attachTo: document.body,
  });
  unmount = () => wrapper.unmount();
  await settle();
  return { wrapper, router, moderation };
}

function context(moderator = false): TestContext {
  const ctx = createTestContext({ rooms: [{ ...LOBBY }, { ...ATTIC }], user: { ...ALICE, moderator } });
  ctx.history.store(storedMessage('attic', 1, undefined, 'from before the archive'));
  return ctx;
}

const listed = (wrapper: Awaited<ReturnType<typeof mountRooms>>['wrapper']) => wrapper.findAll('nav[aria-label="Rooms"] a').map((a) => a.text());

describe('an archived room', () => {
  it('opens by its link for a member: its name, its history, a read-only notice instead of the composer, and not in the list', async () => {
    const { wrapper } = await mountRooms(context(), '/rooms/attic');

    expect(wrapper.get('h1').text()).toBe('# Attic');
    expect(wrapper.get('[role="feed"]').text()).toContain('from before the archive');
    expect(wrapper.get('[role="note"]').text()).toBe(NOTICE);
    expect(wrapper.find('textarea[aria-label="Message"]').exists()).toBe(false);
    expect(listed(wrapper).join(' ')).not.toContain('Attic');
    expect(wrapper.findAll('button').map((b) => b.text())).not.toContain('Rename room');
    expect(wrapper.findAll('button').map((b) => b.text())).not.toContain('Unarchive room');
  });

  it('turns read-only, renamed and back as room.updated events arrive, and leaves and rejoins the list', async () => {
    const ctx = context();
    const { wrapper } = await mountRooms(ctx, '/rooms/lobby');
    expect(wrapper.find('textarea[aria-label="Message"]').exists()).toBe(true);

    updated(ctx, { ...LOBBY, name: 'Grand Lobby', archived: true });
    await flushPromises();
    const whileArchived = { title: wrapper.get('h1').text(), note: wrapper.find('[role="note"]').exists(), composer: wrapper.find('textarea[aria-label="Message"]').exists(), list: listed(wrapper).join(' ') };
    updated(ctx, { ...LOBBY, name: 'Grand Lobby' });
    await flushPromises();

    expect(whileArchived).toEqual({ title: '# Grand Lobby', note: true, composer: false, list: expect.not.stringContaining('Lobby') });
    expect(wrapper.find('[role="note"]').exists()).toBe(false);
    expect(wrapper.find('textarea[aria-label="Message"]').exists()).toBe(true);
    expect(listed(wrapper).join(' ')).toContain('Grand Lobby');
  });

  it('ignores a room.updated for another room', async () => {
    const ctx = context();
    const { wrapper } = await mountRooms(ctx, '/rooms/lobby');

    updated(ctx, { ...ATTIC, id: 'elsewhere', archived: true }, 'lobby');
    await flushPromises();

    expect(wrapper.get('h1').text()).toBe('# Lobby');
    expect(wrapper.find('[role="note"]').exists()).toBe(false);
  });
});

describe('a moderator’s room actions', () => {
  it('renames the room from a dialog with a reason, and shows the new name at once', async () => {
    const ctx = context(true);
    const moderation = createFakeModeration();
    moderation.rooms.push({ ...LOBBY });
    const { wrapper } = await mountRooms(ctx, '/rooms/lobby', moderation);

    await wrapper.get('.room-header').findAll('button').find((b) => b.text() === 'Rename room')!.trigger('click');
    expect(document.activeElement?.getAttribute('id')).toMatch(/-name$/);
    await wrapper.get('dialog input').setValue('Main\u200B Hall');
    await wrapper.get('dialog textarea').setValue('clearer');
    await wrapper.get('dialog form').trigger('submit');
    await flushPromises();

    expect(moderation.calls.at(-1)).toEqual({ op: 'rename', roomId: 'lobby', name: 'Main Hall', reason: 'clearer' });
    expect(wrapper.get('h1').text()).toBe('# Main Hall');
    expect(wrapper.find('dialog').exists()).toBe(false);
    expect(wrapper.get('.room-actions [role="status"]').text()).toBe('Renamed the room to “Main Hall”.');
  });

  it('keeps the dialog open with the server’s reason when the name looks like another room’s', async () => {
    const ctx = context(true);
    const moderation = createFakeModeration();
    moderation.rooms.push({ ...LOBBY });
    moderation.roomFailure = new Error('“Attіc” looks like the room “Attic” (attic); choose another name');
    const { wrapper } = await mountRooms(ctx, '/rooms/lobby', moderation);

    await wrapper.get('.room-header').findAll('button').find((b) => b.text() === 'Rename room')!.trigger('click');
    await wrapper.get('dialog input').setValue('Attіc');
    await wrapper.get('dialog form').trigger('submit');
    await flushPromises();

    expect(wrapper.get('dialog [role="alert"]').text()).toBe('“Attіc” looks like the room “Attic” (attic); choose another name');
    expect(wrapper.get('h1').text()).toBe('# Lobby');
  });

  it('archives the room (read-only, out of the list) and unarchives it from the same button', async () => {
    const ctx = context(true);
    const moderation = createFakeModeration();
    moderation.rooms.push({ ...LOBBY });
    const { wrapper } = await mountRooms(ctx, '/rooms/lobby', moderation);
    const actionButton = () => wrapper.get('.room-actions').findAll('button')[1]!;

    await actionButton().trigger('click');
    await wrapper.get('dialog textarea').setValue('event over');
    await wrapper.get('dialog form').trigger('submit');
    await flushPromises();
    const archived = { note: wrapper.find('[role="note"]').text(), button: actionButton().text(), list: listed(wrapper).join(' ') };
    await actionButton().trigger('click');
    await wrapper.get('dialog form').trigger('submit');
    await flushPromises();

    expect(archived).toEqual({ note: NOTICE, button: 'Unarchive room', list: expect.not.stringContaining('Lobby') });
    expect(moderation.calls.slice(-2)).toEqual([
      { op: 'archive', roomId: 'lobby', reason: 'event over' },
      { op: 'unarchive', roomId: 'lobby', reason: undefined },
    ]);
    expect(wrapper.find('[role="note"]').exists()).toBe(false);
    expect(actionButton().text()).toBe('Archive room');
    expect(listed(wrapper).join(' ')).toContain('Lobby');
  });
});

/** Delivers `room.updated` with `room` on the channel of `channelRoom` (the room's own by default). */
function updated(ctx: TestContext, room: Room, channelRoom = room.id): void {
  ctx.events.emit(roomChannel(channelRoom), { type: 'room.updated', room });
}

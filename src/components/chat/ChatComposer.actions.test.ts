import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { roomChannel } from '../../../core/channels.ts';
import { createMessageActions, MESSAGE_ACTIONS } from '../../composables/useMessageActions.ts';
import { SERVICES } from '../../services/services.ts';
import { useOpenRoomsStore } from '../../stores/open-rooms.ts';
import { useRoomStore } from '../../stores/room.ts';
import { useSessionStore } from '../../stores/session.ts';
import { ALICE, BOB, createTestContext, settle, storedMessage, type TestContext } from '../../test-support/fake-services.ts';
import ChatComposer from './ChatComposer.vue';

const ROOM = 'lobby';
let ctx: TestContext;

beforeEach(async () => {
  ctx = createTestContext({ rooms: [{ id: ROOM, name: ROOM, kind: 'public' as const, lastMessageAt: null }] });
  await useSessionStore().ready();
});
afterEach(() => vi.useRealTimers());

async function mountComposer() {
  const open = useOpenRoomsStore(ctx.pinia);
  await open.enter(ROOM);
  open.show(ROOM);
  await settle();
  const room = useRoomStore(ROOM, ctx.pinia);
  const actions = createMessageActions({
    room: () => room,
    selfSub: () => ALICE.sub,
    jumpTo: () => undefined,
    linkTo: (id) => id,
    report: () => undefined,
    announce: () => undefined,
  });
  const wrapper = mount(ChatComposer, {
    props: { roomId: ROOM },
    global: { plugins: [ctx.pinia], provide: { [SERVICES as symbol]: ctx.services, [MESSAGE_ACTIONS as symbol]: actions } },
    attachTo: document.body,
  });
  return { wrapper, actions, field: wrapper.get('textarea') };
}

describe('the composer and the message actions', () => {
  it('edits the reader’s last message on ↑ in an empty composer, and not when there is text', async () => {
    const older = storedMessage(ROOM, 1, ALICE, 'older');
    const last = storedMessage(ROOM, 2, ALICE, 'last of mine');
    [older, last, storedMessage(ROOM, 3, BOB)].forEach((m) => ctx.history.store(m));
    const { wrapper, actions, field } = await mountComposer();

    await field.setValue('draft');
    await field.trigger('keydown', { key: 'ArrowUp' });
    expect(actions.editingId.value).toBeNull();
    await field.setValue('');
    await field.trigger('keydown', { key: 'ArrowUp' });

    expect(actions.editingId.value).toBe(last.id);
    wrapper.unmount();
  });

  it('shows what a reply answers, sends it as a reply, and Escape cancels a reply', async () => {
    const original = storedMessage(ROOM, 1, BOB, 'question?');
    ctx.history.store(original);
    const { wrapper, actions, field } = await mountComposer();

    actions.reply(original);
    await flushPromises();
    expect(wrapper.get('.replying span').text()).toBe('Replying to Bob @bob: question?');
    expect(wrapper.get('.replying button').text()).toBe('Cancel reply');
    expect(field.attributes('aria-describedby')).toContain(wrapper.get('.replying').attributes('id'));
    expect(document.activeElement).toBe(field.element);
    await field.setValue('answer');
    await field.trigger('keydown', { key: 'Enter' });
    await flushPromises();

    expect(ctx.events.posts.filter((p) => p.channel === roomChannel(ROOM)).map((p) => p.event)).toEqual([
      expect.objectContaining({ type: 'message', text: 'answer', replyTo: original.id }),
    ]);
    expect(wrapper.find('.replying').exists()).toBe(false);

    actions.reply(original);
    await flushPromises();
    await field.trigger('keydown', { key: 'Escape' });
    expect(wrapper.find('.replying').exists()).toBe(false);
    wrapper.unmount();
  });

  it('completes an @handle from the people search with the keyboard', async () => {
    ctx.members.people.push({ sub: 'sub-bob', handle: 'bob', displayName: 'Bob' }, { sub: 'sub-bobby', handle: 'bobby', displayName: 'Bobby' });
    const { wrapper, field } = await mountComposer();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const box = field.element as HTMLTextAreaElement;

    await field.setValue('hi @bo');
    box.setSelectionRange(6, 6);
    await field.trigger('input');
    await vi.advanceTimersByTimeAsync(300);
    await flushPromises();

    const options = wrapper.findAll('[role="option"]');
    expect(options.map((o) => o.text())).toEqual(['Bob @bob', 'Bobby @bobby']);
    expect(field.attributes('aria-activedescendant')).toBe(options[0]!.attributes('id'));
    await field.trigger('keydown', { key: 'ArrowDown' });
    expect(field.attributes('aria-activedescendant')).toBe(options[1]!.attributes('id'));
    await field.trigger('keydown', { key: 'Enter' });
    await flushPromises();

    expect(box.value).toBe('hi @bobby ');
    expect(wrapper.find('[role="listbox"]').exists()).toBe(false);
    expect(ctx.events.posts.filter((p) => p.channel === roomChannel(ROOM))).toEqual([]);
    wrapper.unmount();
  });

  it('closes the @ list on Escape, and typing on brings it back', async () => {
    ctx.members.people.push({ sub: 'sub-bob', handle: 'bob', displayName: 'Bob' });
    const { wrapper, field } = await mountComposer();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const box = field.element as HTMLTextAreaElement;
    const typeText = async (text: string) => {
      await field.setValue(text);
      box.setSelectionRange(text.length, text.length);
      await field.trigger('input');
      await vi.advanceTimersByTimeAsync(300);
      await flushPromises();
    };

    await typeText('@b');
    expect(wrapper.find('[role="listbox"]').exists()).toBe(true);
    await field.trigger('keydown', { key: 'Escape' });
    expect(wrapper.find('[role="listbox"]').exists()).toBe(false);
    await typeText('@bo');

    expect(wrapper.findAll('[role="option"]').map((o) => o.text())).toEqual(['Bob @bob']);
    expect(box.value).toBe('@bo');
    wrapper.unmount();
  });
});

import { flushPromises, mount } from '@vue/test-utils';
import { expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { roomChannel, userChannel } from '../../../core/channels.ts';
import { mentionNoticeOf } from '../../../core/mention-notice.ts';
import type { ChatMessage } from '../../../core/messages.ts';
import { SERVICES } from '../../services/services.ts';
import { useOpenRoomsStore } from '../../stores/open-rooms.ts';
import { useRoomsStore } from '../../stores/rooms.ts';
import { useSessionStore } from '../../stores/session.ts';
import { ALICE, BOB, createTestContext, settle, storedMessage } from '../../test-support/fake-services.ts';
import RoomList from './RoomList.vue';

it('shows unread mentions of the reader as a badge of their own, beside the unread count', async () => {
  const ctx = createTestContext({ rooms: [{ id: 'lobby', name: 'lobby', kind: 'public' as const, lastMessageAt: null }] });
  await useSessionStore(ctx.pinia).ready();
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/rooms/:roomId', name: 'room', component: { render: () => null } }] });
  await router.push('/rooms/lobby');
  await useRoomsStore(ctx.pinia).load();
  const open = useOpenRoomsStore(ctx.pinia);
  await open.enter('lobby');
  open.show('lobby');
  await settle();
  const wrapper = mount(RoomList, { global: { plugins: [ctx.pinia, router], provide: { [SERVICES as symbol]: ctx.services } } });

  const mention: ChatMessage = { ...storedMessage('lobby', 1, BOB, 'hi @alice'), mentions: [{ sub: ALICE.sub, handle: 'alice' }] };
  ctx.events.emit(roomChannel('lobby'), { type: 'message.created', message: mention });
  ctx.events.emit(roomChannel('lobby'), { type: 'message.created', message: storedMessage('lobby', 2, BOB, 'no mention') });
  await flushPromises();

  expect(wrapper.get('.badge.mention').text()).toBe('@1 mention');
  expect(wrapper.get('.badge:not(.mention)').text()).toBe('2 unread');
  wrapper.unmount();
});

it('badges a room the app has not open, and marks it new, from a mention heard on the reader\'s channel', async () => {
  const ctx = createTestContext({
    rooms: [
      { id: 'lobby', name: 'lobby', kind: 'public' as const, lastMessageAt: null },
      { id: 'elsewhere', name: 'elsewhere', kind: 'public' as const, lastMessageAt: null },
    ],
  });
  await useSessionStore(ctx.pinia).ready();
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/rooms/:roomId', name: 'room', component: { render: () => null } }] });
  await router.push('/rooms/lobby');
  await useRoomsStore(ctx.pinia).load();
  const wrapper = mount(RoomList, { global: { plugins: [ctx.pinia, router], provide: { [SERVICES as symbol]: ctx.services } } });
  await settle();
  const row = () => wrapper.findAll('a.room').find((a) => a.text().includes('elsewhere'))!;
  const before = row().find('.badge').exists();

  const mention: ChatMessage = { ...storedMessage('elsewhere', 1, BOB, 'over here, @alice'), mentions: [{ sub: ALICE.sub, handle: 'alice' }] };
  ctx.events.emit(userChannel(ALICE.sub), mentionNoticeOf(mention));
  await flushPromises();

  expect(before).toBe(false);
  expect(row().get('.badge.mention').text()).toBe('@1 mention');
  expect(row().get('.badge.dot').text()).toBe('new messages');
  wrapper.unmount();
});

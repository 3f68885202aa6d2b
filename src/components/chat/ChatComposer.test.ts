import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { roomChannel } from '../../../core/channels.ts';
import { SERVICES } from '../../services/services.ts';
import { useRoomStore } from '../../stores/room.ts';
import { useSessionStore } from '../../stores/session.ts';
import { createTestContext, type TestContext } from '../../test-support/fake-services.ts';
import ChatComposer from './ChatComposer.vue';

describe('ChatComposer', () => {
  let ctx: TestContext;

  beforeEach(async () => {
    ctx = createTestContext();
    await useSessionStore().ready();
  });

  function mountComposer() {
    return mount(ChatComposer, { props: { roomId: 'lobby' }, global: { plugins: [ctx.pinia], provide: { [SERVICES as symbol]: ctx.services } } });
  }

  it('is a textbox named Message with a Send button', () => {
    const wrapper = mountComposer();

    expect(wrapper.get('textarea').attributes('aria-label')).toBe('Message');
    expect(wrapper.get('button[type="submit"]').text()).toBe('Send');
  });

  it('sends on Enter, shows the message as pending and clears the box', async () => {
    const wrapper = mountComposer();
    const box = wrapper.get('textarea');
    await box.setValue('hello');

    await box.trigger('keydown', { key: 'Enter' });
    await flushPromises();

    expect(ctx.events.posts.filter((p) => p.channel === roomChannel('lobby')).map((p) => p.event.text)).toEqual(['hello']);
    expect(useRoomStore('lobby').entries.map((e) => e.kind)).toEqual(['outgoing']);
    expect((box.element as HTMLTextAreaElement).value).toBe('');
    expect(wrapper.emitted('sent')).toHaveLength(1);
  });

  it('keeps Shift+Enter for a new line', async () => {
    const wrapper = mountComposer();
    await wrapper.get('textarea').setValue('line one');

    await wrapper.get('textarea').trigger('keydown', { key: 'Enter', shiftKey: true });

    expect(ctx.events.posts.filter((p) => p.channel === roomChannel('lobby'))).toHaveLength(0);
  });

  it('shows a counter near the 4,000 character limit and blocks sending beyond it', async () => {
    const wrapper = mountComposer();
    await wrapper.get('textarea').setValue('x'.repeat(3000));
    expect(wrapper.find('.counter').exists()).toBe(false);

    await wrapper.get('textarea').setValue('x'.repeat(3990));
    expect(wrapper.get('.counter').text()).toBe('10 characters left');

    await wrapper.get('textarea').setValue('x'.repeat(4005));
    expect(wrapper.get('.counter').text()).toBe('5 characters too many');
    expect(wrapper.get('button[type="submit"]').attributes('disabled')).toBeDefined();
  });

  it('counts code points like the server: an emoji is one character, not two UTF-16 units', async () => {
    const wrapper = mountComposer();

    await wrapper.get('textarea').setValue('😀'.repeat(3990));

    expect(wrapper.get('.counter').text()).toBe('10 characters left');
    expect(wrapper.get('button[type="submit"]').attributes('disabled')).toBeUndefined();
  });

  it('counts NFC text after sanitizing, so decomposed accents and control characters do not count twice', async () => {
    const wrapper = mountComposer();

    await wrapper.get('textarea').setValue(`${'e\u0301'.repeat(3990)}\u0000\u202E`);

    expect(wrapper.get('.counter').text()).toBe('10 characters left');
  });

  it('sends the NFC, sanitized text', async () => {
    const wrapper = mountComposer();
    await wrapper.get('textarea').setValue('  cafe\u0301\u202E\r\nok\u0007  ');

    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(ctx.events.posts.filter((p) => p.channel === roomChannel('lobby')).map((p) => p.event.text)).toEqual(['caf\u00E9\nok']);
  });

  it('publishes a typing signal while the user types', async () => {
    const wrapper = mountComposer();

    await wrapper.get('textarea').setValue('h');

    expect(ctx.events.posts.map((p) => p.channel)).toEqual(['/signals/rooms/lobby']);
  });
});

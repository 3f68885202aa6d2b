import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { ROOM_NAME_MAX_LENGTH } from '../../../core/limits.ts';
import { SERVICES } from '../../services/services.ts';
import { createTestContext } from '../../test-support/fake-services.ts';
import RoomCreateForm from './RoomCreateForm.vue';

describe('RoomCreateForm', () => {
  it('lets a name grow only as long as POST /rooms accepts', () => {
    const ctx = createTestContext();
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { render: () => null } }] });

    const wrapper = mount(RoomCreateForm, { global: { plugins: [ctx.pinia, router], provide: { [SERVICES as symbol]: ctx.services } } });

    expect(wrapper.get('#new-room-name').attributes('maxlength')).toBe(String(ROOM_NAME_MAX_LENGTH));
  });
});

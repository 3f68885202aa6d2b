import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { MODERATION_NAME_MAX_LENGTH, MODERATION_QUERY_MAX_LENGTH } from '../../../core/limits.ts';
import ModerationFilterBar from './ModerationFilterBar.vue';

describe('ModerationFilterBar', () => {
  it('lets the text search and the author grow only as long as the moderation API accepts', () => {
    const wrapper = mount(ModerationFilterBar, { props: { filters: {}, tab: 'messages' } });

    expect(wrapper.get('input[name="q"]').attributes('maxlength')).toBe(String(MODERATION_QUERY_MAX_LENGTH));
    expect(wrapper.get('input[name="author"]').attributes('maxlength')).toBe(String(MODERATION_NAME_MAX_LENGTH));
  });

  it('lets the moderator grow only as long as the audit API accepts', () => {
    const wrapper = mount(ModerationFilterBar, { props: { filters: {}, tab: 'audit' } });

    expect(wrapper.get('input[name="moderator"]').attributes('maxlength')).toBe(String(MODERATION_NAME_MAX_LENGTH));
  });
});

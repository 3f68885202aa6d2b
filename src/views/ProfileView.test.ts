import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, RouterView } from 'vue-router';
import { DISPLAY_NAME_MAX_LENGTH, HANDLE_MAX_LENGTH } from '../../core/names.ts';
import AppHeader from '../components/layout/AppHeader.vue';
import { formatShortTime } from '../lib/moderation-format.ts';
import { createAppRouter } from '../router/index.ts';
import { SERVICES } from '../services/services.ts';
import { createTestContext, type TestContext } from '../test-support/fake-services.ts';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

/** The profile screen as the app shows it: the header above the router's view, with fake services. */
async function mountProfile(ctx: TestContext = createTestContext()) {
  const router = createAppRouter(ctx.pinia, createMemoryHistory());
  await router.push('/profile');
  const wrapper = mount(defineComponent(() => () => [h(AppHeader), h(RouterView)]), {
    global: { plugins: [ctx.pinia, router], provide: { [SERVICES as symbol]: ctx.services } },
    attachTo: document.body,
  });
  unmount = () => wrapper.unmount();
  await flushPromises();
  return { ctx, router, wrapper };
}

type Wrapper = Awaited<ReturnType<typeof mountProfile>>['wrapper'];

async function submit(wrapper: Wrapper, values: { displayName?: string; handle?: string }): Promise<void> {
  if (values.displayName !== undefined) await wrapper.get('#profile-display-name').setValue(values.displayName);
  if (values.handle !== undefined) await wrapper.get('#profile-handle').setValue(values.handle);
  await wrapper.get('form').trigger('submit');
  await flushPromises();
}

describe('ProfileView', () => {
  it('is a signed-in page titled Profile, reached from the header', async () => {
    const { router, wrapper } = await mountProfile();

    expect(router.currentRoute.value.meta.title).toBe('Profile');
    expect(wrapper.get('header a[href="/profile"]').text()).toBe('Profile: Alice @alice');
    const signedOut = await mountProfile(createTestContext({ user: null }));
    expect(signedOut.router.currentRoute.value.fullPath).toBe('/sign-in?redirect=/profile');
  });

  it('shows the profile with the shared limits, the handle after its @', async () => {
    const { wrapper } = await mountProfile();

    const name = wrapper.get('#profile-display-name');
    const handle = wrapper.get('#profile-handle');
    expect((name.element as HTMLInputElement).value).toBe('Alice');
    expect((handle.element as HTMLInputElement).value).toBe('alice');
    expect(name.attributes('maxlength')).toBe(String(DISPLAY_NAME_MAX_LENGTH));
    expect(handle.attributes('maxlength')).toBe(String(HANDLE_MAX_LENGTH));
    expect(wrapper.get('label[for="profile-handle"]').text()).toBe('Handle');
    expect(handle.element.previousElementSibling?.textContent).toBe('@');
    expect(wrapper.get(`#${name.attributes('aria-describedby')}`).text()).toContain(`Up to ${DISPLAY_NAME_MAX_LENGTH} characters`);
  });

  it('shows the server’s 409 reason under the field it is about, and clears it when that field is edited', async () => {
    const { ctx, wrapper } = await mountProfile();
    const reason = '“Аlice” looks too much like another member’s name';
    ctx.profile.refuseNext({ status: 409, message: reason, field: 'displayName' });

    await submit(wrapper, { displayName: 'Аlice\u200B' });

    const name = wrapper.get('#profile-display-name');
    expect(wrapper.get('#profile-display-name-error').text()).toBe(reason);
    expect(name.attributes('aria-invalid')).toBe('true');
    expect(name.attributes('aria-describedby')?.split(' ')).toContain('profile-display-name-error');
    expect(document.activeElement).toBe(name.element);
    expect(wrapper.get('#profile-handle').attributes('aria-invalid')).toBeUndefined();
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);

    await name.setValue('Alice Liddell');

    expect(wrapper.find('#profile-display-name-error').exists()).toBe(false);
    expect(name.attributes('aria-invalid')).toBeUndefined();
  });

  it('shows a refusal about neither field above the form', async () => {
    const { ctx, wrapper } = await mountProfile();
    ctx.profile.refuseNext({ status: 400, message: 'body must set displayName or handle' });

    await submit(wrapper, { handle: 'alice_l' });

    expect(wrapper.get('form > [role="alert"]').text()).toBe('body must set displayName or handle');
    expect(wrapper.find('[aria-invalid="true"]').exists()).toBe(false);
  });

  it('shows a failed save that is no refusal above the form, keeping what was typed', async () => {
    const { ctx, wrapper } = await mountProfile();
    ctx.profile.failNext(new TypeError('Failed to fetch'));

    await submit(wrapper, { displayName: 'Alice L' });

    expect(wrapper.get('form > [role="alert"]').text()).toBe('Failed to fetch');
    expect((wrapper.get('#profile-display-name').element as HTMLInputElement).value).toBe('Alice L');
    expect(ctx.auth.refreshes).toBe(0);
  });

  it('sends no handle the server would refuse as malformed, and says why at the field', async () => {
    const { ctx, wrapper } = await mountProfile();

    await submit(wrapper, { handle: 'al-ice' });

    expect(ctx.profile.updates).toEqual([]);
    expect(wrapper.get('#profile-handle-error').text()).toBe('handle may contain only letters a–z, digits and _');
  });

  it('says that no change is left today and when to try again after a 429', async () => {
    const { ctx, wrapper } = await mountProfile();
    const retryAt = '2026-11-30T13:00:00.000Z';
    ctx.profile.refuseNext({ status: 429, message: 'You have changed your name 5 times today', retryAt });

    await submit(wrapper, { displayName: 'Alice L' });

    const note = wrapper.get('.limit');
    expect(note.attributes('role')).toBe('alert');
    expect(note.text()).toContain('You have changed your name 5 times today');
    expect(note.text()).toContain('Name changes left today: 0 of 5.');
    expect(note.get(`time[datetime="${retryAt}"]`).text()).toBe(formatShortTime(retryAt));
  });

  it('still shows the server’s reason after a 429 whose Retry-After it cannot read', async () => {
    const { ctx, wrapper } = await mountProfile();
    ctx.profile.refuseNext({ status: 429, message: 'You can change your name at most 5 times a day; try again in 24 h' });

    await submit(wrapper, { displayName: 'Alice L' });

    expect(wrapper.get('.limit').text()).toContain('You can change your name at most 5 times a day; try again in 24 h');
    expect(wrapper.find('.limit time').exists()).toBe(false);
  });

  it('saves only what changed, refreshes the token, says so politely and shows the new name in the header', async () => {
    const { ctx, wrapper } = await mountProfile();

    await submit(wrapper, { displayName: '  Alice  Liddell ', handle: 'alice' });

    expect(ctx.profile.updates).toEqual([{ displayName: 'Alice Liddell' }]);
    expect(ctx.auth.refreshes).toBe(1);
    expect(wrapper.get('[role="status"]').text()).toBe('Saved. Your new messages show you as Alice Liddell (@alice).');
    expect(wrapper.get('header a[href="/profile"]').text()).toBe('Profile: Alice Liddell @alice');
    expect((wrapper.get('#profile-display-name').element as HTMLInputElement).value).toBe('Alice Liddell');
    expect(wrapper.get('button[type="submit"]').attributes('disabled')).toBeDefined();
  });

  it('keeps a saved change when the token refresh fails, and says when messages will show it', async () => {
    const ctx = createTestContext();
    ctx.auth.failRefresh = true;
    const { wrapper } = await mountProfile(ctx);

    await submit(wrapper, { handle: '@Alice_L' });

    expect(ctx.profile.updates).toEqual([{ handle: 'alice_l' }]);
    expect(wrapper.get('[role="status"]').text()).toBe('Saved as Alice (@alice_l). Your messages show it once your session renews.');
    expect(wrapper.get('header a[href="/profile"]').text()).toBe('Profile: Alice @alice_l');
  });

  it('shows a failed load with a way to try again', async () => {
    const ctx = createTestContext();
    vi.spyOn(ctx.profile, 'getMe').mockRejectedValueOnce(new Error('Network error'));
    const { wrapper } = await mountProfile(ctx);

    expect(wrapper.get('[role="alert"]').text()).toContain('Could not load your profile: Network error');
    await wrapper.get('[role="alert"] button').trigger('click');
    await flushPromises();

    expect((wrapper.get('#profile-display-name').element as HTMLInputElement).value).toBe('Alice');
  });
});

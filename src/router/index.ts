import type { Pinia } from 'pinia';
import { createRouter, type RouterHistory } from 'vue-router';
import { STARTER_ROOM_ID } from '../../core/rooms.ts';
import { useOpenRoomsStore } from '../stores/open-rooms.ts';
import { useReadMarkersStore } from '../stores/read-markers.ts';
import { useSessionStore } from '../stores/session.ts';
import RoomsIndexView from '../views/RoomsIndexView.vue';
import RoomsView from '../views/RoomsView.vue';
import RoomView from '../views/RoomView.vue';
import { createDeferredWebHistory } from './deferred-web-history.ts';
import { safeRedirect } from './safe-redirect.ts';

/** How long entering a room waits for its newest page before the room shows "Loading messages…". */
export const ROOM_ENTRY_WAIT_MS = 100;

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable signed out. */
    public?: boolean;
    moderatorsOnly?: boolean;
    title?: string;
  }
}

export function createAppRouter(pinia: Pinia, history: RouterHistory = createDeferredWebHistory()) {
  const router = createRouter({
    history,
    routes: [
      // The app's front door: a member who has read no room yet (a new one) starts in the starter
      // room rather than on a list to choose from; everyone else on the room list. After the global
      // guard, so the session (and with it the read markers) is known.
      {
        path: '/',
        name: 'home',
        component: RoomsIndexView,
        beforeEnter: () =>
          Object.keys(useReadMarkersStore(pinia).markers).length === 0 ? { name: 'room', params: { roomId: STARTER_ROOM_ID }, replace: true } : { name: 'rooms', replace: true },
      },
      // The Authenticator is a large chunk: only people who need to sign in load it.
      { path: '/sign-in', name: 'sign-in', component: () => import('../views/SignInView.vue'), meta: { public: true, title: 'Sign in' } },
      {
        path: '/rooms',
        component: RoomsView,
        children: [
          { path: '', name: 'rooms', component: RoomsIndexView, meta: { title: 'Rooms' } },
          { path: ':roomId', name: 'room', component: RoomView, props: true },
        ],
      },
      {
        path: '/moderation',
        name: 'moderation',
        component: () => import('../views/ModerationView.vue'),
        meta: { moderatorsOnly: true, title: 'Moderation' },
      },
      { path: '/profile', name: 'profile', component: () => import('../views/ProfileView.vue'), meta: { title: 'Profile' } },
      { path: '/not-allowed', name: 'not-allowed', component: () => import('../views/NotAllowedView.vue'), meta: { title: 'Not allowed' } },
      {
        path: '/:pathMatch(.*)*',
        name: 'not-found',
        component: () => import('../views/NotFoundView.vue'),
        meta: { public: true, title: 'Not found' },
      },
    ],
  });

  router.beforeEach(async (to) => {
    const session = useSessionStore(pinia);
    await session.ready();
    const signedIn = session.status === 'signed-in';
    if (to.name === 'sign-in') return signedIn ? safeRedirect(to.query.redirect) : true;
    if (to.meta.public) return true;
    if (!signedIn) return { name: 'sign-in', query: { redirect: to.fullPath } };
    if (to.meta.moderatorsOnly && !session.isModerator) return { name: 'not-allowed', replace: true };
    return true;
  });

  // The rooms' lifecycle is driven from here only (the open-rooms store owns it). Entering a room
  // opens it (subscribe and newest page) before the view changes, for at most ROOM_ENTRY_WAIT_MS:
  // the requests go out before anything renders or the old room is set aside, and a room that
  // loads in time appears with its messages in one render, with no loading state in between. A
  // slower room shows its loading state after the wait.
  router.beforeResolve(async (to) => {
    if (to.name !== 'room') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, ROOM_ENTRY_WAIT_MS)));
    await Promise.race([useOpenRoomsStore(pinia).enter(String(to.params.roomId)), waited]);
    clearTimeout(timer);
  });
  // Once a navigation lands, the room it shows (or none) is the one on screen. A navigation that
  // failed or was overtaken shows nothing new: the next one that lands settles its room.
  router.afterEach((to, _from, failure) => {
    if (failure) return;
    useOpenRoomsStore(pinia).show(to.name === 'room' ? String(to.params.roomId) : null);
  });

  return router;
}

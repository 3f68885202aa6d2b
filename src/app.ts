import { Amplify } from 'aws-amplify';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import type { AmplifyOutputs } from '../core/outputs.ts';
import App from './App.vue';
import { APP_CONFIG } from './app-config.ts';
import { configFromOutputs } from './config.ts';
import { createAppRouter } from './router/index.ts';
import { createAuthService } from './services/auth.ts';
import { createEventsService } from './services/events.ts';
import type { FirstPage } from './services/first-page.ts';
import { createHistoryService } from './services/history.ts';
import { installLocalWebSocket } from './services/local-websocket.ts';
import { createMembersService } from './services/members.ts';
import { createModerationService, MODERATION_SERVICE } from './services/moderation.ts';
import { createReportsService, REPORTS_SERVICE } from './services/reports.ts';
import { createProfileService } from './services/profile.ts';
import { quietLocalWarnings } from './services/quiet-local-warnings.ts';
import { SERVICES } from './services/services.ts';
import { useConnectionStore } from './stores/connection.ts';
import { useMentionAlertsStore } from './stores/mention-alerts.ts';
import { useMentionInboxStore } from './stores/mention-inbox.ts';
import './styles.css';

/** Configures Amplify from the outputs, provides the services and mounts the app. */
export async function startApp(outputs: AmplifyOutputs, firstPage: FirstPage | null): Promise<void> {
  const config = configFromOutputs(outputs);
  if (config.mode === 'local') {
    installLocalWebSocket(config.eventsUrl, window);
    quietLocalWarnings();
  }
  Amplify.configure(config.amplify);
  const auth = createAuthService();
  const pinia = createPinia();
  const app = createApp(App)
    .provide(APP_CONFIG, config)
    .provide(SERVICES, { auth, events: createEventsService(), history: createHistoryService(auth, firstPage), profile: createProfileService(auth), members: createMembersService(auth) })
    .provide(MODERATION_SERVICE, createModerationService(auth))
    .provide(REPORTS_SERVICE, createReportsService(auth))
    .use(pinia);
  // Before the first subscribe, so the banner sees the first connection's states too.
  useConnectionStore(pinia).start();
  const router = createAppRouter(pinia);
  app.use(router);
  // A mention's notification opens its room at the message.
  useMentionAlertsStore(pinia).onOpen((message) => void router.push({ name: 'room', params: { roomId: message.roomId }, query: { message: message.id } }));
  // Mentions in rooms not open, on the reader's own channel, for as long as someone is signed in.
  app.runWithContext(() => useMentionInboxStore(pinia));
  // Mounted once the first navigation has settled: a deep link's requests (session check, the
  // room's subscribe and newest page) go out before anything renders, and the page renders once,
  // with the room in it. A first navigation that fails still mounts, showing what it can.
  await router.isReady().catch(() => undefined);
  app.mount('#app');
}

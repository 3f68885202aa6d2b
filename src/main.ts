import { Amplify } from 'aws-amplify';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { APP_CONFIG } from './app-config.ts';
import { loadConfig } from './config.ts';
import { createAppRouter } from './router/index.ts';
import { createAuthService } from './services/auth.ts';
import { createEventsService } from './services/events.ts';
import { createHistoryService } from './services/history.ts';
import { installLocalWebSocket } from './services/local-websocket.ts';
import { createModerationService, MODERATION_SERVICE } from './services/moderation.ts';
import { quietLocalWarnings } from './services/quiet-local-warnings.ts';
import { SERVICES } from './services/services.ts';
import './styles.css';

async function start(): Promise<void> {
  const config = await loadConfig();
  if (config.mode === 'local') {
    installLocalWebSocket(config.eventsUrl, window);
    quietLocalWarnings();
  }
  Amplify.configure(config.amplify);
  const auth = createAuthService();
  const pinia = createPinia();
  const app = createApp(App)
    .provide(APP_CONFIG, config)
    .provide(SERVICES, { auth, events: createEventsService(), history: createHistoryService(auth) })
    .provide(MODERATION_SERVICE, createModerationService(auth))
    .use(pinia);
  app.use(createAppRouter(pinia));
  app.mount('#app');
}

start().catch((error: unknown) => {
  const root = document.getElementById('app');
  if (root) root.textContent = `Parley could not start: ${error instanceof Error ? error.message : String(error)}`;
});

import { Amplify } from 'aws-amplify';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { APP_CONFIG } from './app-config.ts';
import { loadConfig } from './config.ts';
import { installLocalWebSocket } from './services/local-websocket.ts';

async function start(): Promise<void> {
  const config = await loadConfig();
  if (config.mode === 'local') installLocalWebSocket(config.eventsUrl, window);
  Amplify.configure(config.amplify);
  createApp(App).provide(APP_CONFIG, config).use(createPinia()).mount('#app');
}

start().catch((error: unknown) => {
  const root = document.getElementById('app');
  if (root) root.textContent = `Parley could not start: ${error instanceof Error ? error.message : String(error)}`;
});

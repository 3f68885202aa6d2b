import { loadOutputs } from './load-outputs.ts';
import { fetchFirstPage } from './services/first-page.ts';

/**
 * Start-up, kept small: read the outputs, give a deep link's first request a head start
 * (`services/first-page.ts`), then load the app's code (aws-amplify, Vue, the stores), which is
 * most of the bytes, and start it.
 */
async function start(): Promise<void> {
  const outputs = await loadOutputs();
  const firstPage = fetchFirstPage({ path: location.pathname, outputs, storage: localStorage, fetch: window.fetch.bind(window), nowMs: Date.now() });
  const { startApp } = await import('./app.ts');
  await startApp(outputs, firstPage);
}

start().catch((error: unknown) => {
  const root = document.getElementById('app');
  if (root) root.textContent = `Parley could not start: ${error instanceof Error ? error.message : String(error)}`;
});

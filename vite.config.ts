import vue from '@vitejs/plugin-vue';
import { existsSync, readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';

/**
 * Serves the backend outputs at `/amplify_outputs.json`: the local cloud's file in local mode
 * (`PARLEY_OUTPUTS`, set by `npm run dev`), `amplify_outputs.json` from `npx ampx sandbox`
 * otherwise. The app fetches it at start-up, so no build ever depends on the file existing.
 */
function backendOutputs(): Plugin {
  const file = () => process.env.PARLEY_OUTPUTS ?? 'amplify_outputs.json';
  return {
    name: 'parley-backend-outputs',
    configureServer(server) {
      server.middlewares.use('/amplify_outputs.json', (_req, res) => {
        if (!existsSync(file())) {
          res.statusCode = 404;
          res.end(`No ${file()}: run \`npm run dev\` (local cloud) or \`npx ampx sandbox\` first.`);
          return;
        }
        res.setHeader('content-type', 'application/json');
        res.setHeader('cache-control', 'no-store');
        res.end(readFileSync(file()));
      });
    },
    generateBundle() {
      if (existsSync(file())) {
        this.emitFile({ type: 'asset', fileName: 'amplify_outputs.json', source: readFileSync(file()) });
      }
    },
  };
}

export default defineConfig({
  plugins: [vue(), backendOutputs()],
  server: { host: '127.0.0.1', port: 5173 },
  build: { target: 'es2022', sourcemap: true },
});

import vue from '@vitejs/plugin-vue';
import { existsSync, readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { contentSecurityPolicy, type EndpointOutputs, SECURITY_HEADERS } from './scripts/security-headers.ts';

const outputsFile = () => process.env.PARLEY_OUTPUTS ?? 'amplify_outputs.json';

function readOutputs(): EndpointOutputs | undefined {
  return existsSync(outputsFile()) ? (JSON.parse(readFileSync(outputsFile(), 'utf8')) as EndpointOutputs) : undefined;
}

/**
 * Serves the backend outputs at `/amplify_outputs.json`: the local cloud's file in local mode
 * (`PARLEY_OUTPUTS`, set by `npm run dev`), `amplify_outputs.json` from `npx ampx sandbox`
 * otherwise. The app fetches it at start-up, so no build ever depends on the file existing.
 */
function backendOutputs(): Plugin {
  const file = outputsFile;
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

/**
 * The Content-Security-Policy and security headers (`scripts/security-headers.ts`), from the
 * outputs file in use. Dev server: as headers on every response, read per request because the
 * local cloud rewrites the file when it restarts on other ports. Build: as a `<meta>` policy in
 * `index.html`, since only the build knows the endpoints; `customHttp.yml` adds the headers
 * (and `frame-ancestors`, which a `<meta>` policy cannot carry) on Amplify Hosting.
 */
function securityHeaders(): Plugin {
  return {
    name: 'parley-security-headers',
    configureServer(server) {
      server.middlewares.use((_req, res, next) => {
        res.setHeader('Content-Security-Policy', contentSecurityPolicy(readOutputs(), 'dev'));
        for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
        next();
      });
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        if (context.server) return html;
        const outputs = readOutputs();
        if (!outputs) {
          this.warn(`No ${outputsFile()}: the built app's CSP allows connections to its own origin only.`);
        }
        return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy(outputs, 'meta') }, injectTo: 'head-prepend' }];
      },
    },
  };
}

export default defineConfig({
  plugins: [vue(), backendOutputs(), securityHeaders()],
  server: { host: '127.0.0.1', port: 5173 },
  build: { target: 'es2022', sourcemap: true },
});

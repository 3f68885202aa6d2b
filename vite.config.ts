import vue from '@vitejs/plugin-vue';
import { existsSync, readFileSync } from 'node:fs';
import { defineConfig, type HtmlTagDescriptor, type Plugin, type Rolldown } from 'vite';
import { contentSecurityPolicy, type EndpointOutputs, SECURITY_HEADERS } from './scripts/security-headers.ts';
import { OUTPUTS_ELEMENT_ID, withoutLocalSecrets } from './core/outputs.ts';

const outputsFile = () => process.env.PARLEY_OUTPUTS ?? 'amplify_outputs.json';

function readOutputs(): EndpointOutputs | undefined {
  return existsSync(outputsFile()) ? (JSON.parse(readFileSync(outputsFile(), 'utf8')) as EndpointOutputs) : undefined;
}

/** The outputs file as pages get it: the local cloud's admin token and IAM credentials left out (`withoutLocalSecrets`). */
function pageOutputsJson(): string {
  return JSON.stringify(withoutLocalSecrets(JSON.parse(readFileSync(outputsFile(), 'utf8'))), null, 2);
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
        res.end(pageOutputsJson());
      });
    },
    generateBundle() {
      if (existsSync(file())) {
        this.emitFile({ type: 'asset', fileName: 'amplify_outputs.json', source: pageOutputsJson() });
      }
    },
    // The same outputs inline in the page, as a JSON data block the app reads before anything else
    // (src/config.ts): a cold load then waits for no request before it can sign in and open a
    // room. Read per request in dev (the local cloud rewrites the file when it restarts); without
    // the file the app fetches it as above.
    transformIndexHtml() {
      if (!existsSync(file())) return [];
      // `<` escaped, so no value can close the script element early.
      const json = pageOutputsJson().replace(/</g, '\\u003c');
      return [{ tag: 'script', attrs: { type: 'application/json', id: OUTPUTS_ELEMENT_ID }, children: json, injectTo: 'head' }];
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

/**
 * `src/main.ts` loads the app (`src/app.ts`) with a dynamic import, after giving a deep link's first
 * request a head start. So that the app's code downloads while that happens, and not after, the
 * built page asks for the app's chunks and styles up front, as it does for the entry's own.
 */
function preloadApp(): Plugin {
  let base = '/';
  const link = (attrs: Record<string, string | boolean>): HtmlTagDescriptor => ({ tag: 'link', attrs, injectTo: 'head' });
  return {
    name: 'parley-preload-app',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunks = Object.values(context.bundle ?? {}).filter((file): file is Rolldown.OutputChunk => file.type === 'chunk');
        const app = chunks.find((chunk) => chunk.isDynamicEntry && chunk.facadeModuleId?.endsWith('/src/app.ts'));
        if (!app) return [];
        const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
        const entryImports = new Set(context.chunk?.imports ?? []);
        const closure = new Set<string>();
        const visit = (fileName: string) => {
          if (closure.has(fileName) || entryImports.has(fileName) || fileName === context.chunk?.fileName) return;
          closure.add(fileName);
          byName.get(fileName)?.imports.forEach(visit);
        };
        visit(app.fileName);
        const css = [...closure].flatMap((fileName) => [...(byName.get(fileName)?.viteMetadata?.importedCss ?? [])]);
        return [
          ...[...closure].map((fileName) => link({ rel: 'modulepreload', crossorigin: true, href: `${base}${fileName}` })),
          // Preloaded, not linked: a stylesheet in the page would hold back the start-up script until
          // it loaded. The dynamic import adds it, and waits for it, before the app renders.
          ...css.map((fileName) => link({ rel: 'preload', as: 'style', crossorigin: true, href: `${base}${fileName}` })),
        ];
      },
    },
  };
}

export default defineConfig({
  plugins: [vue(), backendOutputs(), securityHeaders(), preloadApp()],
  server: { host: '127.0.0.1', port: 5173 },
  // Loaded only when first needed (a focus trap activating, src/composables/useFocusTrap.ts; the
  // Event API client's first subscribe, src/services/events-client.ts): listed, so the dev server
  // prepares them up front instead of reloading the page when they are first asked for.
  optimizeDeps: { include: ['focus-trap', 'aws-amplify/data', '@aws-amplify/api-rest'] },
  // Every component is written with `<script setup>` (the Options API is used nowhere, Amplify's UI
  // components included), so Vue's support for it is left out of the build: 1.6 kB gzip less to
  // load before the first paint. The other two flags are Vue's production defaults, stated so the
  // build does not warn about them.
  define: { __VUE_OPTIONS_API__: 'false', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
  build: { target: 'es2022', sourcemap: true },
});

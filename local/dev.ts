/**
 * `npm run dev`: the local cloud plus the Vite dev server, in one process.
 * `npm run dev -- --cloud` skips the local cloud and serves the app against the deployed
 * backend described by `amplify_outputs.json` (written by `npx ampx sandbox`).
 * Any other flags go to the local cloud (see local/README.md).
 */
import { createServer } from 'vite';
import { DEFAULT_DATA_DIR, parseCliOptions, UsageError } from './options.ts';
import { startLocalCloud } from './local-cloud.ts';

const CLOUD_OUTPUTS_FILE = 'amplify_outputs.json';

async function main(): Promise<void> {
  // The pinned AWS SDK warns that 2027 releases need Node 22; known, and noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const args = process.argv.slice(2);
  const cloudMode = args.includes('--cloud');
  const options = parseCliOptions(args.filter((arg) => arg !== '--cloud'));
  const cloud = cloudMode
    ? undefined
    : await startLocalCloud({
        port: options.port,
        dataDir: options.memory ? undefined : (options.dataDir ?? DEFAULT_DATA_DIR),
        outputsFile: options.outputsFile,
        dynamo: options.dynamo,
        rateLimit: options.rateLimit,
        roomLimit: options.roomLimit,
        signup: options.signup,
        appOrigins: options.appOrigins,
        synthCacheDir: options.synthCacheDir,
      });
  process.env.PARLEY_OUTPUTS = cloudMode ? CLOUD_OUTPUTS_FILE : options.outputsFile;
  if (cloud) {
    const notice = cloud.runtimeNotice;
    process.stderr.write(`${notice.level === 'warn' ? 'warning: ' : ''}${notice.text}\n${cloud.ignoredSummary}\n`);
  }
  const vite = await createServer({ configFile: 'vite.config.ts' });
  await vite.listen();
  vite.printUrls();
  const shutdown = async () => {
    await vite.close();
    await cloud?.close();
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof UsageError ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
});

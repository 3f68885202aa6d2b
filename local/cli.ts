/**
 * `npm run local [-- flags]`: starts the local cloud and prints `READY <outputs file>` once the
 * outputs file is written. SIGTERM or SIGINT closes it cleanly. Flags: see local/README.md.
 */
import { DEFAULT_DATA_DIR, parseCliOptions, UsageError } from './options.ts';
import { demoUsers, loadUsers } from './demo-users.ts';
import { startLocalCloud } from './local-cloud.ts';

async function main(): Promise<void> {
  // The pinned AWS SDK warns that 2027 releases need Node 22; known, and noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const options = parseCliOptions(process.argv.slice(2));
  const cloud = await startLocalCloud({
    port: options.port,
    dataDir: options.memory ? undefined : (options.dataDir ?? DEFAULT_DATA_DIR),
    outputsFile: options.outputsFile,
    dynamo: options.dynamo,
    rateLimit: options.rateLimit,
    roomLimit: options.roomLimit,
    signup: options.signup,
    users: [...demoUsers, ...loadUsers(options.loadUsers ?? 0)],
    appOrigins: options.appOrigins,
    synthCacheDir: options.synthCacheDir,
  });
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await cloud.close();
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  const notice = cloud.runtimeNotice;
  process.stderr.write(`${notice.level === 'warn' ? 'warning: ' : ''}${notice.text}\n${cloud.ignoredSummary}\n`);
  process.stdout.write(`READY ${options.outputsFile}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`npm run local: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`local cloud failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

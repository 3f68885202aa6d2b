/**
 * `appsync-events-local`: starts the emulator from the command line (flags: `cli-options.ts`),
 * prints `READY <outputs file>` once the outputs file is written, and closes cleanly on SIGTERM
 * or SIGINT. Exit codes: 2 for a usage error, 1 when the emulator fails to start.
 */
import { readFile } from 'node:fs/promises';
import type { SeedAccount } from '../cognito/seed-user-pool.ts';
import { parseCliArgs, USAGE, UsageError } from './cli-options.ts';
import { parseUsersFile } from './users-file.ts';

const NAME = 'appsync-events-local';

async function main(argv: readonly string[]): Promise<void> {
  const command = parseCliArgs(argv);
  if (command.kind === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  const { options } = command;
  const users = options.usersFile === undefined ? [] : await readUsers(options.usersFile);
  // Loaded only now, so --help and a usage error answer without loading the emulator's dependencies.
  const { startEmulator } = await import('../emulator.ts');
  const emulator = await startEmulator({ ...options, users });
  if (users.length > 0 && emulator.outputs.auth === undefined) {
    await emulator.close();
    throw new Error(`--users ${options.usersFile}: the template has no user pool to seed them into`);
  }
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await emulator.close();
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  const notice = emulator.runtimeNotice;
  process.stderr.write(`${notice.level === 'warn' ? 'warning: ' : ''}${notice.text}\n${emulator.ignoredSummary}\n`);
  process.stdout.write(`READY ${options.outputsFile}\n`);
}

async function readUsers(file: string): Promise<SeedAccount[]> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new UsageError(`--users ${file}: cannot read it (${(error as Error).message})`);
  });
  return parseUsersFile(text, file);
}

// The pinned AWS SDK warns that its 2027 releases need Node 22; known, and noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${NAME}: ${error.message}\nRun ${NAME} --help for the flags.\n`);
    process.exit(2);
  }
  const detail = process.env.DEBUG ? (error as Error).stack : (error as Error).message;
  process.stderr.write(`${NAME}: failed to start: ${detail ?? String(error)}\n`);
  process.exit(1);
});

import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';

/** One line describing this machine, for every benchmark report. */
export function machineDescription(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
}

/**
 * Appends a dated section (title, command, machine, body) to a results file, creating the file
 * with `intro` first if it does not exist yet.
 */
export async function appendSection(file: string, intro: string, title: string, command: string, body: string): Promise<void> {
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (!existing) await writeFile(file, intro);
  const section = [
    '',
    `## ${title} (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
    '',
    `Command: \`${command}\`  `,
    `Machine: ${machineDescription()}`,
    '',
    body.trim(),
    '',
  ].join('\n');
  await appendFile(file, section);
}

/** Appends a dated section (command, machine, body) to BENCHMARKS.md. */
export function appendReport(title: string, command: string, body: string): Promise<void> {
  return appendSection('BENCHMARKS.md', '# Benchmarks\n\nEach section is appended by the command it names.\n', title, command, body);
}

import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { machineDescription } from './report.ts';

/** Appends a dated section (command, machine, body) to RELIABILITY.md, after its intro. */
export async function appendReliability(title: string, command: string, body: string): Promise<void> {
  const file = 'RELIABILITY.md';
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (!existing) await writeFile(file, '# Reliability\n\nEach section below is appended by the command it names.\n');
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

/** A two-column Markdown table of figures. */
export function figureTable(rows: [string, string | number][]): string {
  return ['| figure | value |', '|---|---|', ...rows.map(([name, value]) => `| ${name} | ${value} |`)].join('\n');
}

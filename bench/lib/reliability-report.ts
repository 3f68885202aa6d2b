import { appendSection } from './report.ts';

/** Appends a dated section (command, machine, body) to RELIABILITY.md, after its intro. */
export function appendReliability(title: string, command: string, body: string): Promise<void> {
  return appendSection('RELIABILITY.md', '# Reliability\n\nEach section below is appended by the command it names.\n', title, command, body);
}

/** A two-column Markdown table of figures. */
export function figureTable(rows: [string, string | number][]): string {
  return ['| figure | value |', '|---|---|', ...rows.map(([name, value]) => `| ${name} | ${value} |`)].join('\n');
}

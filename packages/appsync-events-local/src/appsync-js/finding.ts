import type { AppSyncJsRule } from './rules.ts';

/** One construct the APPSYNC_JS runtime refuses, where it is. */
export interface Finding {
  rule: AppSyncJsRule;
  message: string;
  file: string;
  /** 1-based, as editors and AppSync's deploy-time errors count. */
  line: number;
  /** 1-based. */
  column: number;
}

/** `code.js:12:5 try statements are not supported (no-try)`. */
export function formatFinding(finding: Finding): string {
  return `${finding.file}:${finding.line}:${finding.column} ${finding.message} (${finding.rule})`;
}

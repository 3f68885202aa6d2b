import { parse } from 'acorn';
import { builtinRules } from './builtin-rules.ts';
import { createContextRule } from './context-rule.ts';
import { formatFinding } from './finding.ts';
import type { Finding } from './finding.ts';
import { functionRules } from './function-rules.ts';
import { createRecursionRule } from './recursion-rule.ts';
import { syntaxRules } from './syntax-rules.ts';
import type { VisitContext } from './walk.ts';
import { walkProgram } from './walk.ts';

function syntaxErrorFinding(error: unknown, file: string): Finding {
  const loc = (error as { loc?: { line: number; column: number } }).loc;
  const message = error instanceof Error ? error.message.replace(/ \(\d+:\d+\)$/, '') : String(error);
  return { rule: 'syntax-error', message, file, line: loc?.line ?? 1, column: (loc?.column ?? 0) + 1 };
}

/**
 * Every construct in `code` (an ES module, as a handler bundle is) that the APPSYNC_JS runtime
 * refuses, in source order. An empty list means AppSync's deploy-time check has nothing to say
 * about the constructs listed in `APPSYNC_JS_RULES`.
 * @param file named in each finding.
 */
export function checkAppSyncJs(code: string, file: string): Finding[] {
  let program;
  try {
    program = parse(code, { ecmaVersion: 'latest', sourceType: 'module', locations: true });
  } catch (error) {
    return [syntaxErrorFinding(error, file)];
  }
  const findings: Finding[] = [];
  const report: VisitContext['report'] = (rule, node, message) => {
    const start = node.loc!.start;
    findings.push({ rule, message, file, line: start.line, column: start.column + 1 });
  };
  walkProgram(program, [syntaxRules, builtinRules, functionRules, createRecursionRule(), createContextRule()], report);
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Thrown by `assertAppSyncJs`; its message lists every finding, one a line. */
export class AppSyncJsError extends Error {
  readonly findings: readonly Finding[];

  constructor(file: string, findings: readonly Finding[]) {
    super(`${file} is not valid APPSYNC_JS code:\n${findings.map(formatFinding).join('\n')}`);
    this.name = 'AppSyncJsError';
    this.findings = findings;
  }
}

/** Throws an `AppSyncJsError` listing every finding of `checkAppSyncJs`, if there is any. */
export function assertAppSyncJs(code: string, file: string): void {
  const findings = checkAppSyncJs(code, file);
  if (findings.length > 0) throw new AppSyncJsError(file, findings);
}

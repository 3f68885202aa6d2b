/** A checker of APPSYNC_JS handler code: what AppSync's runtime refuses at deploy time. */
export { assertAppSyncJs, checkAppSyncJs, AppSyncJsError } from './check-appsync-js.ts';
export { formatFinding } from './finding.ts';
export type { Finding } from './finding.ts';
export { APPSYNC_JS_RULES } from './rules.ts';
export type { AppSyncJsRule } from './rules.ts';

/** The package's public surface; each part is exported from here as it lands. */
export { readCloudAssembly } from './assembly/read-cloud-assembly.ts';
export type { AssemblyResource, AssemblyStack, CloudAssembly, ReadCloudAssemblyOptions } from './assembly/read-cloud-assembly.ts';
export { EMULATED_RESOURCE_TYPES } from './assembly/resource-types.ts';
export { defaultAttribute, defaultPhysicalId } from './assembly/attributes.ts';
export type { AttributeProvider, LocatedResource, ResourceIdentity } from './assembly/attributes.ts';
export type { FileAsset } from './assembly/manifest.ts';
export { AssemblyError } from './assembly/template.ts';
export { APPSYNC_JS_RULES, AppSyncJsError, assertAppSyncJs, checkAppSyncJs, formatFinding } from './appsync-js/index.ts';
export type { AppSyncJsRule, Finding } from './appsync-js/index.ts';

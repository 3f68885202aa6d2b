/**
 * Reads a CDK cloud assembly (`cdk.out`) into a plain model of what it deploys: every stack
 * (nested ones included), its resources with properties resolved to local values, parameters,
 * outputs, and the staged asset each resource's code lives in. The I/O edge: it reads the files,
 * then hands the templates to the pure resolver.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { assetNamedBy, findAssetReferences } from './assets.ts';
import type { AttributeProvider } from './attributes.ts';
import { type FileAsset, readManifest } from './manifest.ts';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from './pseudo-parameters.ts';
import { EMULATED_RESOURCE_TYPES } from './resource-types.ts';
import { type ResolvedResource, type ResolvedStack, resolveStack } from './stack-resolver.ts';
import { AssemblyError, type CfnTemplate } from './template.ts';

export interface ReadCloudAssemblyOptions {
  /** `AWS::Region` where the app did not fix one; default us-east-1. */
  region?: string;
  /** `AWS::AccountId` where the app did not fix one; default 000000000000. */
  accountId?: string;
  /** Parameter values by stack name (or artifact id), over the manifest's and the defaults. */
  parameters?: Record<string, Record<string, string | string[]>>;
  /** The emulator's own physical ids and attribute values (endpoints, ids), over the defaults. */
  attributes?: AttributeProvider;
  /** Types resolved into `resources`; others are counted in `ignored`. Default: {@link EMULATED_RESOURCE_TYPES}. */
  resourceTypes?: readonly string[] | 'all';
}

export interface AssemblyStack {
  /** The artifact id, then `/<logical id>` per nesting level. */
  path: string;
  name: string;
  /** The path of the stack it is nested in. */
  parent: string | undefined;
  /** Stacks (artifact ids) deployed before it; nested stacks deploy with their parent. */
  dependencies: string[];
}

export interface AssemblyResource extends ResolvedResource {
  /** The staged file or folder its code or content comes from, when a property names an asset. */
  assetPath?: string;
  assetPackaging?: FileAsset['packaging'];
}

export interface CloudAssembly {
  directory: string;
  stacks: AssemblyStack[];
  resources: AssemblyResource[];
  /** By stack path: the value of each parameter that has one. */
  parameters: Record<string, Record<string, unknown>>;
  /** By stack path. */
  outputs: Record<string, Record<string, unknown>>;
  /** Resources not resolved, counted by type. */
  ignored: Record<string, number>;
  assets: FileAsset[];
}

/** Every template the stacks may need: the stacks' own, and those staged beside them or as assets. */
async function readTemplates(stackFiles: readonly string[], assets: readonly FileAsset[]): Promise<Map<string, CfnTemplate>> {
  const dirs = [...new Set(stackFiles.map((file) => dirname(file)))];
  const listed = await Promise.all(dirs.map(async (dir) => (await readdir(dir)).filter((name) => name.endsWith('.template.json')).map((name) => join(dir, name))));
  const staged = assets.filter((asset) => asset.packaging === 'file' && asset.path.endsWith('.json')).map((asset) => asset.path);
  const paths = [...new Set([...stackFiles, ...listed.flat(), ...staged])];
  // A missing nested template fails later, naming the stack that needs it.
  const templates = await Promise.all(paths.map((path) => readFile(path, 'utf8').then((text) => JSON.parse(text) as CfnTemplate, () => undefined)));
  return new Map(paths.flatMap((path, index) => (templates[index] ? [[path, templates[index]] as const] : [])));
}

interface PlacedStack {
  stack: ResolvedStack;
  parent: string | undefined;
  dependencies: string[];
}

function flatten(stack: ResolvedStack, parent: string | undefined, dependencies: string[]): PlacedStack[] {
  return [{ stack, parent, dependencies }, ...stack.nested.flatMap((nested) => flatten(nested, stack.path, []))];
}

export async function readCloudAssembly(directory: string, options: ReadCloudAssemblyOptions = {}): Promise<CloudAssembly> {
  const dir = resolve(directory);
  const manifest = await readManifest(dir);
  const templates = await readTemplates(manifest.stacks.map((stack) => stack.templateFile), manifest.assets);
  const types = options.resourceTypes ?? EMULATED_RESOURCE_TYPES;
  const includes = (type: string): boolean => types === 'all' || types.includes(type);

  const roots = manifest.stacks.map((artifact) =>
    resolveStack(
      {
        path: artifact.id,
        name: artifact.stackName,
        template: templates.get(artifact.templateFile)!,
        parameters: { ...artifact.parameters, ...options.parameters?.[artifact.id], ...options.parameters?.[artifact.stackName] },
      },
      {
        region: artifact.region ?? options.region ?? DEFAULT_REGION,
        accountId: artifact.accountId ?? options.accountId ?? DEFAULT_ACCOUNT_ID,
        attributes: options.attributes,
        includes,
        nestedTemplate(parent, logicalId, resource, properties) {
          const metadataPath = resource.Metadata?.['aws:asset:path'];
          const url = properties.TemplateURL;
          const file = typeof metadataPath === 'string'
            ? join(dirname(artifact.templateFile), metadataPath)
            : typeof url === 'string' ? assetNamedBy(url, manifest.assets)?.path : undefined;
          const template = file === undefined ? undefined : templates.get(file);
          if (!template) {
            throw new AssemblyError({ stack: parent.path, element: logicalId, path: ['Properties', 'TemplateURL'] },
              `the nested stack's template is not in the assembly (looked for ${file ?? `an asset published as ${JSON.stringify(url)}`})`);
          }
          return template;
        },
      },
    ),
  );

  const placed = manifest.stacks.flatMap((artifact, index) => flatten(roots[index]!, undefined, artifact.dependencies));
  const stacks = placed.map((entry) => entry.stack);
  const resources = stacks.flatMap((stack) => stack.resources).map((resource): AssemblyResource => {
    const [reference] = findAssetReferences(resource.properties, manifest.assets);
    return reference ? { ...resource, assetPath: reference.asset.path, assetPackaging: reference.asset.packaging } : resource;
  });
  const ignored: Record<string, number> = {};
  for (const { type } of stacks.flatMap((stack) => stack.ignored)) ignored[type] = (ignored[type] ?? 0) + 1;

  return {
    directory: dir,
    stacks: placed.map(({ stack, parent, dependencies }) => ({ path: stack.path, name: stack.name, parent, dependencies })),
    resources,
    parameters: Object.fromEntries(stacks.map((stack) => [stack.path, stack.parameters])),
    outputs: Object.fromEntries(stacks.map((stack) => [stack.path, stack.outputs])),
    ignored,
    assets: manifest.assets,
  };
}

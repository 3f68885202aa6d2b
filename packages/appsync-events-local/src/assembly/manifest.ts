/**
 * Reads a cloud assembly's `manifest.json`: its stacks and the file assets its asset manifests
 * publish. Stages (nested cloud assemblies) are read recursively.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isRecord } from './template.ts';

export interface StackArtifact {
  /** The artifact id in the manifest. */
  id: string;
  stackName: string;
  /** Absolute path of its template. */
  templateFile: string;
  /** The deploy-time parameter values the manifest gives it. */
  parameters: Record<string, string>;
  /** Ids of the stacks it depends on (asset manifests left out). */
  dependencies: string[];
  /** From its `aws://account/region` environment, when the app fixed them. */
  region: string | undefined;
  accountId: string | undefined;
}

export interface FileAsset {
  id: string;
  /** Absolute path of the staged file or folder. */
  path: string;
  /** `zip`: a folder zipped at publish time (or an archive already); `file`: uploaded as it is. */
  packaging: 'file' | 'zip';
  /** Object keys it is published under (one per destination, usually all equal). */
  objectKeys: string[];
}

export interface AssemblyManifest {
  stacks: StackArtifact[];
  assets: FileAsset[];
}

interface Artifact {
  type: string;
  environment?: string;
  properties?: Record<string, unknown>;
  dependencies?: string[];
}

const concrete = (value: string | undefined): string | undefined => (value && !value.startsWith('unknown-') ? value : undefined);

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8')) as unknown;
}

async function readAssetManifest(dir: string, file: string): Promise<FileAsset[]> {
  const manifest = await readJson(join(dir, file));
  const files = isRecord(manifest) && isRecord(manifest.files) ? manifest.files : {};
  return Object.entries(files).flatMap(([id, entry]) => {
    if (!isRecord(entry) || !isRecord(entry.source) || typeof entry.source.path !== 'string') return [];
    const destinations = isRecord(entry.destinations) ? Object.values(entry.destinations) : [];
    const objectKeys = destinations.flatMap((destination) => (isRecord(destination) && typeof destination.objectKey === 'string' ? [destination.objectKey] : []));
    const packaging = entry.source.packaging === 'zip' ? 'zip' : 'file';
    return [{ id, path: resolve(dir, entry.source.path), packaging, objectKeys: [...new Set(objectKeys)] } satisfies FileAsset];
  });
}

export async function readManifest(dir: string): Promise<AssemblyManifest> {
  const manifest = await readJson(join(dir, 'manifest.json'));
  const artifacts = (isRecord(manifest) && isRecord(manifest.artifacts) ? manifest.artifacts : {}) as Record<string, Artifact>;
  const stackIds = new Set(Object.entries(artifacts).filter(([, a]) => a.type === 'aws:cloudformation:stack').map(([id]) => id));
  const parts = await Promise.all(
    Object.entries(artifacts).map(async ([id, artifact]): Promise<AssemblyManifest> => {
      const properties = artifact.properties ?? {};
      if (artifact.type === 'cdk:asset-manifest' && typeof properties.file === 'string') {
        return { stacks: [], assets: await readAssetManifest(dir, properties.file) };
      }
      if (artifact.type === 'cdk:cloud-assembly' && typeof properties.directoryName === 'string') {
        return readManifest(join(dir, properties.directoryName));
      }
      if (artifact.type !== 'aws:cloudformation:stack' || typeof properties.templateFile !== 'string') return { stacks: [], assets: [] };
      const [, account, region] = /^aws:\/\/([^/]*)\/(.*)$/.exec(artifact.environment ?? '') ?? [];
      const stack: StackArtifact = {
        id,
        stackName: typeof properties.stackName === 'string' ? properties.stackName : id,
        templateFile: resolve(dir, properties.templateFile),
        parameters: (isRecord(properties.parameters) ? properties.parameters : {}) as Record<string, string>,
        dependencies: (artifact.dependencies ?? []).filter((dependency) => stackIds.has(dependency)),
        region: concrete(region),
        accountId: concrete(account),
      };
      return { stacks: [stack], assets: [] };
    }),
  );
  return { stacks: parts.flatMap((part) => part.stacks), assets: parts.flatMap((part) => part.assets) };
}

/**
 * Ties resolved properties to the staged assets in the assembly. CDK publishes a file asset under
 * an object key derived from its content hash, and the template refers to it by that key: a
 * Lambda's `Code.S3Key`, a channel namespace's `CodeS3Location` (`s3://bucket/key`), a nested
 * stack's `TemplateURL` (`https://…/bucket/key`). A string naming the key is therefore enough to
 * find the asset, whatever property holds it.
 */
import type { FileAsset } from './manifest.ts';
import { isRecord } from './template.ts';

export interface AssetReference {
  /** Where in the properties the reference is, e.g. `Code.S3Key`. */
  propertyPath: string;
  asset: FileAsset;
}

/** The asset a string refers to: the object key itself, or a URL ending with `/<key>`. */
export function assetNamedBy(value: string, assets: readonly FileAsset[]): FileAsset | undefined {
  return assets.find((asset) => asset.objectKeys.some((key) => value === key || value.endsWith(`/${key}`)));
}

export function findAssetReferences(properties: unknown, assets: readonly FileAsset[], path: string[] = []): AssetReference[] {
  if (typeof properties === 'string') {
    const asset = assetNamedBy(properties, assets);
    return asset ? [{ propertyPath: path.join('.'), asset }] : [];
  }
  if (Array.isArray(properties)) return properties.flatMap((item, index) => findAssetReferences(item, assets, [...path, String(index)]));
  if (!isRecord(properties)) return [];
  return Object.entries(properties).flatMap(([key, value]) => findAssetReferences(value, assets, [...path, key]));
}

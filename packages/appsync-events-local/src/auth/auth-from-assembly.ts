/**
 * The authorizer's settings for one Event API, read from the resources `readCloudAssembly`
 * resolved: the `AWS::AppSync::Api`'s `EventConfig`, its `AWS::AppSync::ChannelNamespace`
 * overrides, and its `AWS::AppSync::ApiKey`s. Pure.
 */
import { createHash } from 'node:crypto';
import type { ResolvedResource } from '../assembly/stack-resolver.ts';
import type { ApiKeyRecord } from './api-key-mode.ts';
import { AuthConfigError, type CfnEventConfig, type CfnNamespaceAuth } from './auth-config.ts';
import type { EventApiLocation } from './iam-mode.ts';

export interface EventApiAuthSettings {
  api: EventApiLocation;
  eventConfig: CfnEventConfig;
  namespaces: Record<string, CfnNamespaceAuth>;
  apiKeys: ApiKeyRecord[];
}

export interface EventApiAuthSettingsOptions {
  /** The API's id (its physical id); needed only when the assembly has several Event APIs. */
  apiId?: string;
  /** The region and account the assembly was read with (the API's ARN names them). */
  region: string;
  accountId: string;
  /**
   * The key value served for an `AWS::AppSync::ApiKey` (the cloud generates it). Default:
   * {@link localApiKeyValue}; give the same function to the assembly's `attributes` when a
   * template outputs `Fn::GetAtt Key.ApiKey`.
   */
  apiKeyValue?: (resource: ResolvedResource) => string;
}

/** A stable, API-key-shaped value per key resource: `da2-` and 26 characters. */
export function localApiKeyValue(resource: Pick<ResolvedResource, 'stackPath' | 'logicalId'>): string {
  return `da2-${createHash('sha256').update(`${resource.stackPath}/${resource.logicalId}`).digest('hex').slice(0, 26)}`;
}

function pickApi(resources: readonly ResolvedResource[], apiId: string | undefined): ResolvedResource {
  const apis = resources.filter((resource) => resource.type === 'AWS::AppSync::Api' && (apiId === undefined || resource.physicalId === apiId));
  if (apis.length === 1) return apis[0]!;
  if (apis.length === 0) throw new AuthConfigError(apiId === undefined ? 'The assembly has no AWS::AppSync::Api' : `The assembly has no AWS::AppSync::Api with id ${apiId}`);
  throw new AuthConfigError(`The assembly has ${apis.length} Event APIs (${apis.map((api) => api.physicalId).join(', ')}); give apiId`);
}

export function eventApiAuthSettings(resources: readonly ResolvedResource[], options: EventApiAuthSettingsOptions): EventApiAuthSettings {
  const api = pickApi(resources, options.apiId);
  const eventConfig = api.properties.EventConfig as CfnEventConfig | undefined;
  if (!eventConfig) throw new AuthConfigError(`${api.stackPath}/${api.logicalId} has no EventConfig`);
  const ofApi = (resource: ResolvedResource) => resource.properties.ApiId === api.physicalId;
  const namespaces = Object.fromEntries(
    resources
      .filter((resource) => resource.type === 'AWS::AppSync::ChannelNamespace' && ofApi(resource))
      .map((resource) => {
        const { PublishAuthModes, SubscribeAuthModes } = resource.properties as CfnNamespaceAuth;
        return [resource.physicalId, { PublishAuthModes, SubscribeAuthModes }];
      }),
  );
  const valueOf = options.apiKeyValue ?? localApiKeyValue;
  const apiKeys = resources
    .filter((resource) => resource.type === 'AWS::AppSync::ApiKey' && ofApi(resource))
    .map((resource) => {
      const expires = resource.properties.Expires;
      return expires === undefined ? { key: valueOf(resource) } : { key: valueOf(resource), expires: Number(expires) };
    });
  return { api: { apiId: api.physicalId, region: options.region, accountId: options.accountId }, eventConfig, namespaces, apiKeys };
}

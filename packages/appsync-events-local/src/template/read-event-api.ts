/**
 * The Event API of the template as the events service runs it: its auth modes, and each namespace
 * with its handler code (inline `CodeHandlers`, or `CodeS3Location` staged in the assembly, or none)
 * and the data sources its handlers call.
 */
import type { AssemblyResource } from '../assembly/read-cloud-assembly.ts';
import type { AuthType, EventApiModel, LocalDataSource, NamespaceDefinition } from './backend-model.ts';
import { TemplateNotEmulatedError } from './template-not-emulated-error.ts';

type AuthModes = { AuthType?: string }[] | undefined;

const modes = (value: unknown): AuthType[] => ((value as AuthModes) ?? []).map((mode) => mode.AuthType as AuthType);

interface HandlerConfig {
  Behavior?: string;
  Integration?: { DataSourceName?: string };
}

function readNamespace(resource: AssemblyResource, api: EventApiModel, dataSources: readonly LocalDataSource[]): NamespaceDefinition {
  const p = resource.properties;
  const inline = typeof p.CodeHandlers === 'string' ? p.CodeHandlers : undefined;
  const staged = resource.assetPath !== undefined && resource.assetPackaging === 'file' ? resource.assetPath : undefined;
  if (inline === undefined && staged === undefined && p.CodeS3Location !== undefined) {
    throw new TemplateNotEmulatedError(resource, 'its CodeS3Location is not a file staged in the assembly');
  }
  const configs = (p.HandlerConfigs ?? {}) as { OnPublish?: HandlerConfig; OnSubscribe?: HandlerConfig };
  const integration = (config: HandlerConfig | undefined, handler: string) => {
    if (config === undefined) return undefined;
    if (config.Behavior !== 'CODE') throw new TemplateNotEmulatedError(resource, `${handler} with behavior ${String(config.Behavior)} is not emulated (CODE is)`);
    const name = config.Integration?.DataSourceName;
    if (name === undefined) return undefined;
    if (!dataSources.some((source) => source.name === name)) throw new TemplateNotEmulatedError(resource, `${handler} names the data source ${name}, which the template does not define`);
    return { dataSource: name };
  };
  const publish = modes(p.PublishAuthModes);
  const subscribe = modes(p.SubscribeAuthModes);
  return {
    name: String(p.Name),
    handlerSource: staged ?? `${resource.stackPath}/${resource.logicalId} ${inline === undefined ? '(no handler code)' : 'CodeHandlers'}`,
    ...(inline === undefined ? {} : { handlerCode: inline }),
    ...(staged === undefined || inline !== undefined ? {} : { handlerBundle: staged }),
    publishAuthModes: publish.length > 0 ? publish : api.defaultPublishAuthModes,
    subscribeAuthModes: subscribe.length > 0 ? subscribe : api.defaultSubscribeAuthModes,
    onPublish: integration(configs.OnPublish, 'OnPublish'),
    onSubscribe: integration(configs.OnSubscribe, 'OnSubscribe'),
  };
}

export function readEventApi(api: AssemblyResource, namespaces: readonly AssemblyResource[], dataSources: LocalDataSource[]): EventApiModel {
  const config = (api.properties.EventConfig ?? {}) as Record<string, unknown>;
  const model: EventApiModel = {
    apiName: String(api.properties.Name),
    authProviders: modes(config.AuthProviders),
    connectionAuthModes: modes(config.ConnectionAuthModes),
    defaultPublishAuthModes: modes(config.DefaultPublishAuthModes),
    defaultSubscribeAuthModes: modes(config.DefaultSubscribeAuthModes),
    dataSources,
    namespaces: [],
  };
  model.namespaces = namespaces.map((namespace) => readNamespace(namespace, model, dataSources));
  return model;
}

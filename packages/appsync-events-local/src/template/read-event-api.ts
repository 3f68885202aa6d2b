/**
 * The Event API of the template as the events service runs it: its auth modes, and each namespace
 * with its staged handler code (`CodeS3Location`, found in the assembly) and the data sources its
 * handlers call.
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
  if (p.CodeHandlers !== undefined) throw new TemplateNotEmulatedError(resource, 'inline CodeHandlers are not emulated; stage the code as an asset (CodeS3Location)');
  if (!resource.assetPath || resource.assetPackaging !== 'file') {
    throw new TemplateNotEmulatedError(resource, 'a namespace without handler code staged in the assembly is not emulated');
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
    handlerSource: resource.assetPath,
    handlerBundle: resource.assetPath,
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

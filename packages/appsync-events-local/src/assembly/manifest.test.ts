/** A hand-written assembly: what CDK's own apps rarely show (stages, fixed environments, deploy parameters). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCloudAssembly } from './read-cloud-assembly.ts';

const dir = mkdtempSync(join(tmpdir(), 'appsync-events-local-manifest-'));

const write = (path: string, value: unknown): void => writeFileSync(join(dir, path), JSON.stringify(value));

const tableTemplate = {
  Parameters: { Stage: { Type: 'String', Default: 'dev' }, Bootstrap: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/version' } },
  Resources: { Table: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: { 'Fn::Sub': '${Stage}-${AWS::Region}-${AWS::AccountId}' } } } },
  Outputs: { TableName: { Value: { Ref: 'Table' } } },
};

beforeAll(() => {
  mkdirSync(join(dir, 'assembly-Beta'));
  write('manifest.json', {
    version: '55.0.0',
    artifacts: {
      'Shared.assets': { type: 'cdk:asset-manifest', properties: { file: 'Shared.assets.json' } },
      Shared: {
        type: 'aws:cloudformation:stack',
        environment: 'aws://unknown-account/unknown-region',
        properties: { templateFile: 'Shared.template.json', parameters: { Stage: 'from-manifest' } },
        dependencies: ['Shared.assets'],
      },
      App: {
        type: 'aws:cloudformation:stack',
        environment: 'aws://111122223333/eu-west-3',
        properties: { templateFile: 'App.template.json', stackName: 'app-prod' },
        dependencies: ['Shared', 'Shared.assets'],
      },
      Beta: { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Beta' } },
      Tree: { type: 'cdk:tree', properties: { file: 'tree.json' } },
    },
  });
  write('Shared.assets.json', { version: '55.0.0', files: {} });
  write('Shared.template.json', tableTemplate);
  write('App.template.json', tableTemplate);
  write('assembly-Beta/manifest.json', {
    version: '55.0.0',
    artifacts: { BetaApp: { type: 'aws:cloudformation:stack', properties: { templateFile: 'BetaApp.template.json', stackName: 'Beta-App' } } },
  });
  write('assembly-Beta/BetaApp.template.json', tableTemplate);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the manifest', () => {
  it('lists every stack, those of stages too, with the stacks each depends on', async () => {
    const assembly = await readCloudAssembly(dir);

    expect(assembly.stacks).toEqual([
      { path: 'Shared', name: 'Shared', parent: undefined, dependencies: [] },
      { path: 'App', name: 'app-prod', parent: undefined, dependencies: ['Shared'] },
      { path: 'BetaApp', name: 'Beta-App', parent: undefined, dependencies: [] },
    ]);
  });

  it('gives deploy parameters from the manifest over defaults, and the caller\'s over both, by stack name or artifact id', async () => {
    const assembly = await readCloudAssembly(dir, { parameters: { 'Beta-App': { Stage: 'beta' }, App: { Stage: 'prod' } } });

    expect(assembly.outputs).toEqual({
      Shared: { TableName: 'from-manifest-us-east-1-000000000000' },
      App: { TableName: 'prod-eu-west-3-111122223333' },
      BetaApp: { TableName: 'beta-us-east-1-000000000000' },
    });
  });

  it('takes the region and account the app fixed over the caller\'s defaults, and the caller\'s where it fixed none', async () => {
    const assembly = await readCloudAssembly(dir, { region: 'ap-south-1', accountId: '999999999999' });

    expect(assembly.outputs.Shared).toEqual({ TableName: 'from-manifest-ap-south-1-999999999999' });
    expect(assembly.outputs.App).toEqual({ TableName: 'dev-eu-west-3-111122223333' });
  });

  it('reports parameters read from SSM as having no local value, unless given', async () => {
    const given = await readCloudAssembly(dir, { parameters: { Shared: { Bootstrap: '6' } } });

    expect((await readCloudAssembly(dir)).parameters.Shared).toEqual({ Stage: 'from-manifest' });
    expect(given.parameters.Shared).toEqual({ Stage: 'from-manifest', Bootstrap: '6' });
  });
});

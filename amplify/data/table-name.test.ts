import { App, NestedStack, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { deploymentTableName } from './table-name.ts';

describe('deploymentTableName', () => {
  it('gives each deployment its own name, from its root stack name', () => {
    const app = new App();
    const main = new Stack(app, 'main', { stackName: 'amplify-d1234abcd-main-branch-0a1b2c3d4e' });
    const feature = new Stack(app, 'feature', { stackName: 'amplify-d1234abcd-feature-branch-9f8e7d6c5b' });

    expect(deploymentTableName(main, 'parley')).toBe('amplify-d1234abcd-main-branch-0a1b2c3d4e-parley');
    expect(deploymentTableName(feature, 'parley')).not.toBe(deploymentTableName(main, 'parley'));
  });

  it('refuses a stack whose name CloudFormation only knows at deploy time', () => {
    const nested = new NestedStack(new Stack(new App(), 'root'), 'nested');

    expect(() => deploymentTableName(nested, 'parley')).toThrow(/synth time/);
  });
});

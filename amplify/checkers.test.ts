/**
 * AWS's own checkers over what `npm run synth` writes: cfn-lint on every template, and cdk-nag's
 * AwsSolutions rules, which run inside the synth (an unacknowledged finding fails it). The synth
 * runs as a separate process, exactly as the script and a deployment run it.
 */
import { App, Stack } from 'aws-cdk-lib';
import { ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { addAwsSolutionsChecks } from './nag.ts';
import { fullSynth, root, synthEnv, tsx } from './test-support/full-synth.ts';

const run = promisify(execFile);

let templates: string[];

beforeAll(async () => {
  // Shared with the other infra files of the run; invite-only (see FULL_SYNTH_SETTINGS).
  const outdir = await fullSynth();
  templates = readdirSync(outdir).filter((name) => name.endsWith('.template.json')).map((name) => join(outdir, name));
}, 180_000);

describe('cfn-lint', () => {
  it('finds no error and no warning in any synthesized template (root, auth and chat stacks)', async () => {
    expect(templates.length).toBe(3);
    const lint = await run('cfn-lint', ['--config-file', '.cfnlintrc.yaml', '--non-zero-exit-code', 'warning', ...templates], { cwd: root }).catch(
      (error: NodeJS.ErrnoException & { stdout?: string; code?: unknown }) => {
        if (error.code === 'ENOENT') throw new Error('cfn-lint is not installed: `pip install cfn-lint` (these machines ship 1.51.0)');
        return { stdout: error.stdout ?? String(error), failed: true };
      },
    );
    expect('failed' in lint ? lint.stdout : '').toBe('');
  }, 120_000);

  it('ignores only the rules its config lists with a reason, never the deprecated-runtime ones', () => {
    const config = readFileSync(join(root, '.cfnlintrc.yaml'), 'utf8');
    const ignored = [...config.matchAll(/^\s+- ([EWI]\d{4})$/gm)].map((match) => match[1]);

    expect(ignored).toEqual(['W3005']);
    for (const id of ignored) expect(config).toMatch(new RegExp(`# ${id} "`));
  });
});

describe('cdk-nag (AwsSolutions)', () => {
  it('passes the synth, each acknowledgment carrying a reason beside its resource', () => {
    const acknowledged: { id: string; reason: string }[] = [];
    for (const template of templates) {
      const { Resources } = JSON.parse(readFileSync(template, 'utf8')) as {
        Resources: Record<string, { Metadata?: { cdk_nag?: { rules_to_suppress: { id: string; reason: string }[] } } }>;
      };
      for (const resource of Object.values(Resources)) acknowledged.push(...(resource.Metadata?.cdk_nag?.rules_to_suppress ?? []));
    }
    const ids = new Set(acknowledged.map((rule) => rule.id.replace(/\[.*$/, '')));

    // Only what does not apply: Amplify's branch linker, the Event API's invoke grants, the alarm
    // topic's encryption and the user pool's plan and MFA. Nothing of ours that could be fixed.
    expect([...ids].sort()).toEqual(['AwsSolutions-COG2', 'AwsSolutions-COG8', 'AwsSolutions-IAM4', 'AwsSolutions-IAM5', 'AwsSolutions-L1', 'AwsSolutions-SNS2']);
    for (const rule of acknowledged) expect(rule.reason.length, rule.id).toBeGreaterThan(40);
  });

  it('fails a synth that has an unacknowledged finding', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'parley-nag-')) });
    const stack = new Stack(app, 'nag-probe');
    new Role(stack, 'role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
    });
    addAwsSolutionsChecks(app);

    expect(() => app.synth()).toThrow(/AwsSolutions-IAM4/);
    rmSync(app.outdir, { recursive: true, force: true });
  }, 60_000);
});

describe('an invite-only deploy (PARLEY_SIGNUP=invite)', () => {
  it('lets only administrators create accounts, and tells the trigger so', () => {
    const auth = templates.find((name) => name.includes('auth'));
    const { Resources } = JSON.parse(readFileSync(auth!, 'utf8')) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    const pool = Object.values(Resources).find((resource) => resource.Type === 'AWS::Cognito::UserPool');
    const trigger = Object.entries(Resources).find(([id]) => id.startsWith('presignup') && !id.includes('role') && !id.includes('logs'));

    expect(pool?.Properties.AdminCreateUserConfig).toMatchObject({ AllowAdminCreateUserOnly: true });
    expect(trigger?.[1].Properties.Environment).toMatchObject({ Variables: { SIGNUP_POLICY: 'invite' } });
  });
});

describe('a branch synth without PARLEY_APP_ORIGINS', () => {
  it('fails before deploying anything, naming the variable', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'parley-synth-'));
    const result = await run(tsx, ['amplify/backend.ts'], { cwd: root, env: synthEnv(scratch, {}) }).then(
      () => ({ failed: false, stderr: '' }),
      (error: { stderr: string }) => ({ failed: true, stderr: error.stderr }),
    );
    rmSync(scratch, { recursive: true, force: true });

    expect(result.failed).toBe(true);
    expect(result.stderr).toContain('PARLEY_APP_ORIGINS is not set');
  }, 120_000);
});

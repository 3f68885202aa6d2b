/**
 * Synthesizes `amplify/backend.ts` in this test file's process, offline, as a branch deploy of
 * the given name with the given `PARLEY_*` settings, and returns its three templates. Each test
 * file gets its own module graph, so each call is its own backend.
 *
 * Without bundling: these tests read the templates, and CDK then stages each function's source
 * as its asset instead of running esbuild eight times. `amplify/checkers.test.ts` runs the full
 * synth, bundling included, as `npm run synth` and a deployment do.
 */
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

export type Resources = Record<string, { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string }>;

export interface SynthesizedBackend {
  /** The custom stack everything chat-related lives in. */
  chat: Template;
  /** Amplify's auth stack (the user pool, its triggers). */
  auth: Template;
  /** The root stack (outputs, Amplify's branch linker). */
  root: Template;
}

export async function synthBackend(backendName: string, settings: Record<string, string>): Promise<SynthesizedBackend> {
  // The Amplify backend context keys; no AWS credentials, no network.
  process.env.CDK_CONTEXT_JSON = JSON.stringify({
    'amplify-backend-namespace': 'parley',
    'amplify-backend-name': backendName,
    // A branch (pipeline) deployment: a sandbox makes Amplify destroy everything on delete.
    'amplify-backend-type': 'branch',
    // No stack matches: no asset is bundled.
    'aws:cdk:bundling-stacks': [],
  });
  Object.assign(process.env, settings);
  const backend = await import('../backend.ts');
  const chatStack = Stack.of(backend.stack);
  return {
    chat: Template.fromStack(chatStack),
    auth: Template.fromStack(Stack.of(backend.backend.auth.resources.userPool)),
    root: Template.fromStack(chatStack.nestedStackParent ?? chatStack),
  };
}

export const resourcesOf = (template: Template, type: string): Resources => template.findResources(type) as Resources;

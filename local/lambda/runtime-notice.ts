import { LAMBDA_RUNTIME } from '../../amplify/definition.ts';

export interface RuntimeNotice {
  /** `warn` when the functions run here under another Node major than the deployed runtime's. */
  level: 'info' | 'warn';
  text: string;
}

/**
 * What the local cloud says at start about where its Lambdas run: in this process, under this
 * Node, against the runtime AWS runs them on. A different major can hide a difference (a global,
 * a built-in module, a syntax) that only the deployed runtime has, so it is a warning.
 */
export function lambdaRuntimeNotice(nodeVersion: string = process.versions.node): RuntimeNotice {
  const major = Number(nodeVersion.replace(/^v/, '').split('.')[0]);
  const where = `Lambdas run in this process on Node ${nodeVersion.replace(/^v?/, 'v')}; AWS runs them on ${LAMBDA_RUNTIME.name}`;
  if (major === LAMBDA_RUNTIME.nodeMajor) return { level: 'info', text: where };
  return {
    level: 'warn',
    text: `${where}. Node ${major} is not the deployed Node ${LAMBDA_RUNTIME.nodeMajor}: run the local cloud under Node ${LAMBDA_RUNTIME.nodeMajor} to test what deploys.`,
  };
}

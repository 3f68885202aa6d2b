export interface RuntimeNotice {
  /** `warn` when the functions run here under another Node major than the deployed runtime's. */
  level: 'info' | 'warn';
  text: string;
}

/**
 * What the emulator says at start about where the Lambdas run: in this process, under this Node,
 * against the runtimes the template deploys them on (`nodejs24.x`). A different major can hide a
 * difference (a global, a built-in module, a syntax) that only the deployed runtime has, so it is
 * a warning.
 * @param runtimes the functions' `Runtime` values in the template
 */
export function lambdaRuntimeNotice(runtimes: readonly string[], nodeVersion: string = process.versions.node): RuntimeNotice {
  const major = Number(nodeVersion.replace(/^v/, '').split('.')[0]);
  const deployed = [...new Set(runtimes.filter((runtime) => runtime !== ''))].sort();
  const where = `Lambdas run in this process on Node ${nodeVersion.replace(/^v?/, 'v')}; AWS runs them on ${deployed.join(', ') || 'an unnamed runtime'}`;
  const otherMajors = [...new Set(deployed.map(nodeMajor).filter((deployedMajor) => deployedMajor !== major))];
  if (otherMajors.length === 0) return { level: 'info', text: where };
  const wanted = otherMajors.map((m) => (m === undefined ? 'the deployed runtime' : `Node ${m}`)).join(' and ');
  return {
    level: 'warn',
    text: `${where}. Node ${major} is not the deployed ${wanted}: run the emulator under ${wanted} to test what deploys.`,
  };
}

/** `nodejs24.x` → 24; a runtime that is not Node's → undefined. */
function nodeMajor(runtime: string): number | undefined {
  const match = /^nodejs(\d+)\./.exec(runtime);
  return match ? Number(match[1]) : undefined;
}

/** A resource of the template the local cloud cannot run as deployed: refused at startup, by name. */
export class TemplateNotEmulatedError extends Error {
  override name = 'TemplateNotEmulatedError';
  constructor(resource: { stackPath: string; logicalId: string; type: string }, why: string) {
    super(`The local cloud cannot run ${resource.type} ${resource.stackPath}/${resource.logicalId}: ${why}`);
  }
}

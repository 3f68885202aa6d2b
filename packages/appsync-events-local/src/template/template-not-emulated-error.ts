/** A resource of the template the emulator cannot run as deployed: refused at startup, by name. */
export class TemplateNotEmulatedError extends Error {
  override name = 'TemplateNotEmulatedError';
  constructor(resource: { stackPath: string; logicalId: string; type: string }, why: string) {
    super(`appsync-events-local cannot run ${resource.type} ${resource.stackPath}/${resource.logicalId}: ${why}`);
  }
}

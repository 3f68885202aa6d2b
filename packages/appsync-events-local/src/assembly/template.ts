/** The parts of a CloudFormation template the reader looks at. Anything else is carried as is. */
export interface CfnTemplate {
  Parameters?: Record<string, CfnParameter>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Conditions?: Record<string, unknown>;
  Resources?: Record<string, CfnResource>;
  Outputs?: Record<string, CfnOutput>;
}

export interface CfnParameter {
  Type: string;
  Default?: unknown;
}

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Condition?: string;
  Metadata?: Record<string, unknown>;
}

export interface CfnOutput {
  Value: unknown;
  Condition?: string;
  Export?: { Name: unknown };
}

export const NESTED_STACK_TYPE = 'AWS::CloudFormation::Stack';

/** Where in the assembly a value sits, for error messages a user can act on. */
export interface Location {
  stack: string;
  /** A resource's logical id, `Outputs.X`, `Conditions.X` or `Parameters.X`. */
  element?: string;
  path: readonly (string | number)[];
}

/** Something in the assembly the reader cannot turn into a local value. */
export class AssemblyError extends Error {
  readonly stackPath: string;
  readonly element: string | undefined;
  readonly path: string;

  constructor(at: Location, message: string) {
    const path = at.path.join('.');
    const where = [`stack ${at.stack}`, at.element && `${at.element}`, path && `at ${path}`].filter(Boolean).join(', ');
    super(`${where}: ${message}`);
    this.name = 'AssemblyError';
    this.stackPath = at.stack;
    this.element = at.element;
    this.path = path;
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

import type { Location } from './template.ts';

/** `Ref: AWS::NoValue`: the property, or list element, is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/**
 * What the intrinsic functions look up in the stack they are evaluated in. The stack resolver
 * implements it; the functions themselves stay pure.
 */
export interface Scope {
  readonly region: string;
  /** `Ref` of a parameter, pseudo parameter or resource. */
  ref(name: string, at: Location): unknown;
  getAtt(logicalId: string, attribute: string, at: Location): unknown;
  condition(name: string, at: Location): boolean;
  mapping(map: string, topKey: string, secondKey: string, at: Location): unknown;
}

export const under = (at: Location, ...path: (string | number)[]): Location => ({ ...at, path: [...at.path, ...path] });

import type { RouteModel } from '../template/backend-model.ts';

/** The route a request selected, as payload format 2.0 describes it. */
export interface RouteMatch {
  route: RouteModel;
  /** `GET /rooms/{roomId}/messages` */
  routeKey: string;
  /** Omitted from the event when empty. */
  pathParameters: Record<string, string>;
}

type Segment = { kind: 'literal'; text: string } | { kind: 'variable'; name: string } | { kind: 'greedy'; name: string };

/**
 * Selects the route for a request path (stage prefix already removed), as an HTTP API does: the
 * method must match exactly (no 405: a path served for another method is simply not found), and
 * among the routes that match, the most specific wins segment by segment — a literal beats
 * `{param}`, which beats a greedy `{proxy+}`. Parameter values are percent-decoded.
 */
export function matchRoute(routes: RouteModel[], method: string, path: string): RouteMatch | undefined {
  const requestSegments = path.split('/').slice(1);
  const candidates = routes
    .filter((route) => route.method === method)
    .map((route) => ({ route, segments: parsePath(route.path) }))
    .map((candidate) => ({ ...candidate, params: bind(candidate.segments, requestSegments) }))
    .filter((candidate) => candidate.params !== undefined)
    .sort((a, b) => compareSpecificity(a.segments, b.segments));
  const best = candidates[0];
  if (!best?.params) return undefined;
  return { route: best.route, routeKey: `${best.route.method} ${best.route.path}`, pathParameters: best.params };
}

function parsePath(path: string): Segment[] {
  return path.split('/').slice(1).map((text): Segment => {
    const greedy = /^\{(.+)\+\}$/.exec(text);
    if (greedy?.[1]) return { kind: 'greedy', name: greedy[1] };
    const variable = /^\{(.+)\}$/.exec(text);
    if (variable?.[1]) return { kind: 'variable', name: variable[1] };
    return { kind: 'literal', text };
  });
}

/** The path parameters if the request's segments fit the route's, else `undefined`. */
function bind(segments: Segment[], request: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    const actual = request[index];
    if (segment.kind === 'greedy') {
      const rest = request.slice(index).join('/');
      if (rest.length === 0) return undefined;
      params[segment.name] = decode(rest);
      return params;
    }
    if (actual === undefined) return undefined;
    if (segment.kind === 'literal' && segment.text !== actual) return undefined;
    if (segment.kind === 'variable') {
      if (actual.length === 0) return undefined;
      params[segment.name] = decode(actual);
    }
  }
  return segments.length === request.length ? params : undefined;
}

const RANK = { literal: 0, variable: 1, greedy: 2 } as const;

function compareSpecificity(a: Segment[], b: Segment[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    const left = a[index];
    const right = b[index];
    if (left && right && left.kind !== right.kind) return RANK[left.kind] - RANK[right.kind];
  }
  return b.length - a.length;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

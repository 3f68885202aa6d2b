import { describe, expect, it } from 'vitest';
import type { RouteDefinition } from '../template/backend-model.ts';
import { routes } from './test-support/test-routes.ts';
import { matchRoute } from './match-route.ts';

describe('matchRoute', () => {
  it('binds path parameters and names the route key', () => {
    const match = matchRoute(routes, 'GET', '/rooms/general/messages');

    expect(match).toMatchObject({ routeKey: 'GET /rooms/{roomId}/messages', pathParameters: { roomId: 'general' } });
    expect(match?.route.functionName).toBe('history');
  });

  it('matches a literal route with no parameters', () => {
    expect(matchRoute(routes, 'POST', '/rooms')).toMatchObject({ routeKey: 'POST /rooms', pathParameters: {} });
  });

  it.each([
    ['DELETE', '/rooms'],
    ['POST', '/rooms/general/messages'],
    ['GET', '/rooms/'],
    ['GET', '/rooms//messages'],
    ['GET', '/rooms/general/messages/extra'],
    ['GET', '/Rooms'],
    ['GET', '/'],
  ])('finds no route for %s %s', (method, path) => {
    expect(matchRoute(routes, method, path)).toBeUndefined();
  });

  it('percent-decodes parameter values, keeping malformed ones as sent', () => {
    expect(matchRoute(routes, 'GET', '/rooms/caf%C3%A9/messages')?.pathParameters).toEqual({ roomId: 'café' });
    expect(matchRoute(routes, 'GET', '/rooms/%E0%A4%A/messages')?.pathParameters).toEqual({ roomId: '%E0%A4%A' });
  });

  it('prefers literal segments over parameters, and parameters over a greedy path', () => {
    const table: RouteDefinition[] = [
      { method: 'GET', path: '/rooms/{proxy+}', functionName: 'moderation' },
      { method: 'GET', path: '/rooms/{roomId}', functionName: 'history' },
      { method: 'GET', path: '/rooms/lobby', functionName: 'persist-messages' },
    ];

    expect(matchRoute(table, 'GET', '/rooms/lobby')?.route.functionName).toBe('persist-messages');
    expect(matchRoute(table, 'GET', '/rooms/general')?.route.functionName).toBe('history');
    expect(matchRoute(table, 'GET', '/rooms/a/b')?.pathParameters).toEqual({ proxy: 'a/b' });
  });
});

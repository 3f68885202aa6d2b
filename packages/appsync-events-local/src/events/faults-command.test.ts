import { describe, expect, it } from 'vitest';
import { parseFaultsCommand } from './faults-command.ts';

describe('parseFaultsCommand', () => {
  it.each([
    [{ dropConnections: {} }],
    [{ dropConnections: { sub: 'sub-alice' } }],
    [{ lambda: { name: 'persist-messages', fault: { delayMs: 100, failNext: 2, failRate: 0.5 } } }],
    [{ lambda: { name: 'history', fault: null } }],
    [{ clear: true }],
  ])('accepts %j', (command) => {
    expect(parseFaultsCommand(JSON.stringify(command))).toEqual({ ok: true, command });
  });

  it.each([
    ['not JSON', '{'],
    ['an unknown command', '{"explode":true}'],
    ['two commands at once', '{"clear":true,"dropConnections":{}}'],
    ['an empty function name', '{"lambda":{"name":"","fault":null}}'],
    ['a negative delay', '{"lambda":{"name":"history","fault":{"delayMs":-1}}}'],
    ['a fail rate above 1', '{"lambda":{"name":"history","fault":{"failRate":2}}}'],
    ['a missing fault', '{"lambda":{"name":"history"}}'],
    ['clear: false', '{"clear":false}'],
    ['an empty sub', '{"dropConnections":{"sub":""}}'],
    ['a username (connections are dropped by sub)', '{"dropConnections":{"username":"alice"}}'],
  ])('refuses %s', (_, body) => {
    expect(parseFaultsCommand(body).ok).toBe(false);
  });

  it('refuses a function the template does not have, naming the ones it has', () => {
    const parsed = parseFaultsCommand('{"lambda":{"name":"nope","fault":null}}', ['history', 'members']);

    expect(parsed).toEqual({ ok: false, message: 'Unknown function nope; the functions are history, members' });
    expect(parseFaultsCommand('{"lambda":{"name":"history","fault":null}}', ['history']).ok).toBe(true);
  });
});

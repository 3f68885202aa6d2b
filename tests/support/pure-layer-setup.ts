/**
 * Setup file of the pure Vitest projects (`unit`, `app`; vitest.config.ts). A test there must not
 * start a server (dynalite, DynamoDB Local, the user pool, the events service): those belong to the
 * `lambdas`, `local` or `integration` projects. Listening on a socket throws, naming the fix.
 */
import { Server } from 'node:net';

Server.prototype.listen = function refuseToListen(): never {
  throw new Error(
    'A test in a pure Vitest project (unit, app) tried to listen on a socket: list its file in ' +
      'vitest.config.ts (LAMBDA_TABLE_TESTS or LOCAL_SERVER_TESTS) so it runs with the servers.',
  );
};

/** `POST /_local/faults`: drives the local cloud's `Faults` over HTTP (the local cloud only). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Faults } from '../faults.ts';
import { parseFaultsCommand, type FaultsCommand } from './faults-command.ts';
import { readBody, writeError, writeJson } from './http-response.ts';
import { badRequest } from './service-error.ts';

const MAX_BODY_BYTES = 64 * 1024;

/** Answers with `headers` (the local-only CORS) on top; the caller has checked who is asking. */
export async function handleFaultsRequest(req: IncomingMessage, res: ServerResponse, faults: Faults, headers: Record<string, string>): Promise<void> {
  const body = await readBody(req, MAX_BODY_BYTES);
  const parsed = body.bytes > MAX_BODY_BYTES ? { ok: false as const, message: 'Body too large' } : parseFaultsCommand(body.text, faults.functionNames);
  if (!parsed.ok) return writeError(res, badRequest(parsed.message), headers);
  writeJson(res, 200, applyFaultsCommand(faults, parsed.command), headers);
}

/** Applies one command; the reply says what happened (`dropped`) or the faults now in force. */
export function applyFaultsCommand(faults: Faults, command: FaultsCommand): Record<string, unknown> {
  if ('dropConnections' in command) return { dropped: faults.dropConnections(command.dropConnections) };
  if ('lambda' in command) faults.setLambdaFault(command.lambda.name, command.lambda.fault ?? undefined);
  else faults.clear();
  return { faults: faults.snapshot() };
}

/**
 * The body of `POST /_local/faults` (local only: failure injection for reconnect and retry
 * tests). Validated here, applied by `faults-endpoint.ts`.
 */
import { z } from 'zod';

const LambdaFaultSchema = z.strictObject({
  delayMs: z.number().int().nonnegative().optional(),
  failNext: z.number().int().nonnegative().optional(),
  failRate: z.number().min(0).max(1).optional(),
});

export const FaultsCommandSchema = z.union([
  z.strictObject({ dropConnections: z.strictObject({ sub: z.string().min(1).optional() }) }),
  z.strictObject({
    lambda: z.strictObject({
      name: z.string().min(1),
      fault: LambdaFaultSchema.nullable(),
    }),
  }),
  z.strictObject({ clear: z.literal(true) }),
]);

export type FaultsCommand = z.infer<typeof FaultsCommandSchema>;

export type FaultsCommandResult = { ok: true; command: FaultsCommand } | { ok: false; message: string };

/** Parses one command; a Lambda fault must name one of `functionNames` (the template's) when given. */
export function parseFaultsCommand(body: string, functionNames?: readonly string[]): FaultsCommandResult {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { ok: false, message: 'Body is not valid JSON' };
  }
  const parsed = FaultsCommandSchema.safeParse(value);
  if (parsed.success && 'lambda' in parsed.data && functionNames && !functionNames.includes(parsed.data.lambda.name)) {
    return { ok: false, message: `Unknown function ${parsed.data.lambda.name}; the functions are ${functionNames.join(', ')}` };
  }
  if (parsed.success) return { ok: true, command: parsed.data };
  return {
    ok: false,
    message: 'Expected one of {"dropConnections":{"sub"?}}, {"lambda":{"name","fault":{delayMs?,failNext?,failRate?}|null}}, {"clear":true}',
  };
}

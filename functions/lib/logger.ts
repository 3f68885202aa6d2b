import { Logger } from '@aws-lambda-powertools/logger';
import type { z } from 'zod/mini';
import type { LogLevelSchema } from './env.ts';

export interface LoggerOptions {
  serviceName: string;
  logLevel?: z.infer<typeof LogLevelSchema>;
}

/** One Powertools Logger per function instance; add context with `logger.appendKeys`. */
export function createLogger(options: LoggerOptions): Logger {
  return new Logger({ serviceName: options.serviceName, logLevel: options.logLevel ?? 'INFO' });
}

export type { Logger };

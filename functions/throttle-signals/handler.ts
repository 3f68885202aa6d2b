import { createThrottleSignalsHandler } from './throttle-signals.ts';

export const handler = createThrottleSignalsHandler(process.env);

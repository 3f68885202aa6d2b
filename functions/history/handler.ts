import { createHistoryHandler } from './history.ts';

export const handler = createHistoryHandler(process.env);

import { createReportsHandler } from './reports.ts';

export const handler = createReportsHandler(process.env);

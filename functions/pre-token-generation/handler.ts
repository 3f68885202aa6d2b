import { createPreTokenGenerationHandler } from './pre-token-generation.ts';

export const handler = createPreTokenGenerationHandler(process.env);

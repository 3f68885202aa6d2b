import { createModerationHandler } from './moderation.ts';

export const handler = createModerationHandler(process.env);

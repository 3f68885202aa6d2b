import { createProfileHandler } from './profile.ts';

export const handler = createProfileHandler(process.env);

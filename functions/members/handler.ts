import { createMembersHandler } from './members.ts';

export const handler = createMembersHandler(process.env);

import { createPersistMessagesHandler } from './persist-messages.ts';

export const handler = createPersistMessagesHandler(process.env);

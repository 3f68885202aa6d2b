import { createPreSignUpHandler } from './pre-sign-up.ts';

export const handler = createPreSignUpHandler(process.env);

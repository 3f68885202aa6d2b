import { createCreateRoomHandler } from './create-room.ts';

export const handler = createCreateRoomHandler(process.env);

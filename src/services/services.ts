import { inject, type InjectionKey } from 'vue';
import type { AuthService } from './auth.ts';
import type { EventsService } from './events.ts';
import type { HistoryService } from './history.ts';
import type { MembersService } from './members.ts';
import type { ProfileService } from './profile.ts';

/** The app's I/O ports, provided once by `main.ts` (tests provide fakes) and injected by stores. */
export interface Services {
  auth: AuthService;
  events: EventsService;
  history: HistoryService;
  members: MembersService;
  profile: ProfileService;
}

export const SERVICES: InjectionKey<Services> = Symbol('services');

export function useServices(): Services {
  const services = inject(SERVICES);
  if (!services) throw new Error('Services are not provided: app.provide(SERVICES, …) first');
  return services;
}

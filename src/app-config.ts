import type { InjectionKey } from 'vue';
import type { AppConfig } from './config.ts';

export const APP_CONFIG: InjectionKey<AppConfig> = Symbol('app-config');

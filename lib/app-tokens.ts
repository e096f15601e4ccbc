/**
 * Injection tokens for what the App itself provides to services: a constructor parameter decorated
 * `@Inject(CONFIG)` gets the loaded Config, `@Inject(LOGGER)` the application logger.
 */
import type { Logger } from 'winston';
import type { Config } from './config';
import { InjectionToken } from './container';

export const CONFIG = new InjectionToken<Config>('CONFIG');
export const LOGGER = new InjectionToken<Logger>('LOGGER');

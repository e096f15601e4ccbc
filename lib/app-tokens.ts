/**
 * Injection tokens for what the App itself provides to services: a constructor parameter decorated
 * `@Inject(CONFIG)` gets the loaded Config, `@Inject(LOGGER)` the application logger, `@Inject(METRICS_REGISTRY)`
 * the prom-client registry served on /go-doudou/prometheus (available once listen() has begun).
 */
import type { Registry } from 'prom-client';
import type { Logger } from 'winston';
import type { Config } from './config';
import { InjectionToken } from './container';

export const CONFIG = new InjectionToken<Config>('CONFIG');
export const LOGGER = new InjectionToken<Logger>('LOGGER');
export const METRICS_REGISTRY = new InjectionToken<Registry>('METRICS_REGISTRY');

/** The public surface: everything a user imports comes from 'ts-doudou' (this file), nothing from deep paths. */
import 'reflect-metadata';

export * from './errors';
export * from './decorators/descriptors';
export * from './decorators';
export * from './openapi';
export * from './config';
export * from './container';
export { App, type AppOptions, type ProviderDefinition } from './app';
export { CONFIG, LOGGER } from './app-tokens';
export { HttpServer, type ListenOptions, type ListeningAddress, type CloseOptions, type RouteInfo } from './http/server';
export type { HttpServerOptions, UserMiddlewarePosition } from './http/server-options';
export type { RegistryView, RegistryRow, RegistryProvider } from './http/manage/registry-page';
export { HttpErrorCodes, type HttpErrorCode } from './http/error-codes';
export { createLogger, createLoggerFromConfig, type Logger, type LoggerOptions } from './observability/logger';
// Tracing: the active span for handler code, the request context for code outside a request, the tracer for HttpServer users.
export { activeSpan, currentRequestContext, runWithRequestContext, type RequestContext } from './observability/request-context';
export { Tracing, type TracingOptions } from './observability/tracing';
export { stampRequestContext } from './observability/log-context';
export * from './discovery';
export * from './registry';
export * from './client';
export * from './resilience';
export * from './data';
/** Koa's types for `@Ctx()` parameters and `app.use()` middleware, so a project needs no import from koa itself. */
export type { Context, Middleware, Next } from 'koa';

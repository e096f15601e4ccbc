/**
 * The public surface, `ts-doudou`: what a user imports to write, serve and call services. Every name is
 * listed on purpose and documented in README.md ("API reference"); spec/index.spec.ts pins the list, so
 * a new export is a decision, not a side effect of `export *`. The membership API on its own is
 * `ts-doudou/discovery` (lib/discovery/standalone.ts), the gossip simulator `ts-doudou/testing`
 * (lib/discovery/sim/index.ts). Everything else in lib/ is internal.
 */
import 'reflect-metadata';

// The App and its container
export { App, type AppOptions, type ProviderDefinition } from './app';
export { CONFIG, LOGGER, METRICS_REGISTRY } from './app-tokens';
export type { HealthIndicator, HealthCheck, HealthReport, OnShutdown, OnStart } from './lifecycle';
export { Inject, Injectable, InjectionToken, type Token } from './container';
export type { ListeningAddress } from './http/server';
export type { Config, DeepPartial } from './config';
export type { Logger } from './observability/logger';

// Declaring services
export { Service, Contract, Get, Post, Put, Patch, Delete, Path, Query, Header, Body, Form, UploadedFile, Ctx, Prop } from './decorators';
export { FileResult, DeclaredError, describeService } from './decorators';
export type {
  UploadedFileInfo,
  ServiceOptions,
  RouteOptions,
  ErrorResponseOptions,
  ParamOptions,
  PropOptions,
  SchemaOptions,
  UploadedFileOptions,
  TypeSpec,
  EnumSpec,
  JsonCase,
  DescribeOptions,
} from './decorators';
export type {
  ServiceDescriptor,
  RouteDescriptor,
  ParamDescriptor,
  ResponseDescriptor,
  ErrorResponseDescriptor,
  JsonSchema,
} from './decorators/descriptors';

// Errors
export { DoudouError, HttpError, ValidationError, ConfigError, PortInUseError, type FieldError } from './errors';
export { HttpErrorCodes, ConfigErrorCodes, type HttpErrorCode, type ConfigErrorCode } from './errors';
export { InvalidConfigError, type ConfigIssue } from './config';
export { RegistryError, NodeMetaTooLargeError } from './registry';

// Typed clients
export { createClient, withContext, closeClient, StaticInstances, defaultClientPolicy, noPolicy } from './client';
export {
  RemoteHttpError,
  RemoteUnavailableError,
  NoInstanceError,
  CircuitOpenError,
  ClientTimeoutError,
  BadResponseError,
  InvalidArgumentError,
  ClientErrorCodes,
  ClientConfigError,
  declaredErrorGuard,
  UPSTREAM_ERRORS,
} from './client';
export type {
  Client,
  ClientOptions,
  ClientPolicy,
  ClientPolicyOptions,
  BreakerOptions,
  ClientErrorCode,
  DeclaredHttpError,
  InstanceSource,
  ServiceInstance,
  Balancer,
  BalancerName,
  Transport,
  TransportOptions,
  AttemptRequest,
  CallTarget,
  RawResponse,
  FileArgument,
  FileData,
} from './client';

// Request context and tracing: the active span in handler code, the same context outside a request
export { activeSpan, currentRequestContext, runWithRequestContext, type RequestContext } from './observability/request-context';

// Bulkhead and rate limiting
export { bulkhead, rateLimit, MemoryRateLimiter, RedisRateLimiter, parseLimit, perSecond, perMinute, perHour, perDay } from './resilience';
export {
  TooManyRequestsError,
  RateLimiterUnavailableError,
  InvalidRateLimitError,
  InvalidRateCostError,
  RedisRateLimiterError,
  ResilienceErrorCodes,
  ResilienceConfigError,
} from './resilience';
export type {
  BulkheadOptions,
  BulkheadMiddleware,
  BulkheadStats,
  RateLimitOptions,
  Limit,
  RateLimiter,
  RateDecision,
  MemoryRateLimiterOptions,
  MemoryRateLimiterStats,
  RedisRateLimiterOptions,
  RedisRateLimiterStats,
} from './resilience';

// Data: entities, the schema, the database
export { Table, Column, Index, ForeignKey, Database, Dao, TransactionContext, syncSchema, reverseSchema, sql } from './data';
export {
  DataErrorCodes,
  DataError,
  DataConfigError,
  DataConfigErrorCodes,
  DatabaseError,
  DatabaseUnavailableError,
  DuplicateKeyError,
  ForeignKeyViolationError,
  MissingValueError,
  TransactionConflictError,
} from './data';
export type {
  ColumnOptions,
  TableOptions,
  IndexOptions,
  ForeignKeyOptions,
  ForeignKeyRule,
  DatabaseOptions,
  DynamicSchema,
  SyncOptions,
  SyncResult,
  DdlStatement,
  SchemaChange,
  ReverseOptions,
  DataErrorCode,
  DataConfigErrorCode,
  DataContext,
  TransactionOptions,
  IsolationLevel,
  Row,
  InsertRow,
  Changes,
  Where,
  Condition,
  OrderBy,
  FindOptions,
  PageRequest,
  Page,
  Key,
  UpsertOptions,
  RowLock,
  FieldName,
} from './data';

/** Koa's types for `@Ctx()` parameters and `app.use()` middleware, so a project needs no import from koa itself. */
export type { Context, Middleware, Next } from 'koa';

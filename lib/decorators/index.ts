/** The public decorator API (re-exported by lib/index.ts); descriptors.ts is exported there separately. */
export { Service, Contract, isContract, registeredServices, unregisterService } from './service';
export { Get, Post, Put, Patch, Delete, type RouteDecorator } from './routes';
export { Path, Query, Header, Body, Form, UploadedFile, Ctx } from './params';
export { Prop } from './prop';
export { describeService, type DescribeOptions } from './describe';
export type { JsonCase } from './json-case';
export { routeFromMethodName, type ConventionalRoute } from './route-convention';
export { joinRoutePath, pathVariables } from './route-path';
export { FileResult } from './file-result';
export { DeclaredError } from './declared-error';
export { RawAnswer } from './raw-answer';
export { toUploadedFileInfo, type UploadedFileInfo, type FormidableFileLike } from './uploaded-file';
export type {
  TypeSpec,
  ScalarConstructor,
  ClassType,
  EnumSpec,
  SchemaOptions,
  PropOptions,
  ParamOptions,
  UploadedFileOptions,
  RouteOptions,
  ErrorResponseOptions,
  ServiceOptions,
} from './schema-options';

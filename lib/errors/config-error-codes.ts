import { defineErrorCodes, type CodeOf } from './error-codes';

/**
 * Start-up problems: configuration, contract and wiring mistakes found before the first request. Raised as
 * ConfigError (never sent to a client); the message names the class, method, parameter or variable at fault.
 */
export const ConfigErrorCodes = defineErrorCodes('start-up', 'ConfigError', {
  // ── configuration ──
  INVALID_CONFIG: {
    thrownBy: 'InvalidConfigError',
    meaning: 'One or more GDD_* variables (or App overrides) are not valid; `issues` lists every one with the accepted form.',
  },
  INVALID_TIMEOUT: { meaning: 'A server timeout option is not a duration in milliseconds >= 0.' },
  PORT_IN_USE: {
    thrownBy: 'PortInUseError',
    meaning:
      'The HTTP port (GDD_PORT) or the gossip port (GDD_MEM_PORT) cannot be bound: another process holds it, or this user may not open it; `cause` is the socket error.',
  },
  INVALID_BYTE_SIZE: { meaning: 'A size option (`bodyLimit.json`, …) is not a byte size such as `1mb`, `512kb` or `1048576`.' },
  // ── the App and the container ──
  APP_STARTED: { meaning: '`use()` or `listen()` was called after `listen()`.' },
  APP_CLOSED: { meaning: '`listen()` on an HTTP server that was closed: a closed server does not start again.' },
  APP_NOT_STARTED: { meaning: 'The server was asked for before `listen()`.' },
  NO_SERVICES: { meaning: 'Nothing to serve: import a @Service class before `listen()`, or pass `{ services: [...] }`.' },
  INVALID_PROVIDER: { meaning: 'A provider has none of `useValue`, `useClass` or `useFactory`.' },
  MISSING_DEPENDENCY: {
    meaning:
      'No provider for a dependency, or its constructor types are invisible: register it (`providers:`), add @Injectable(), or @Inject(token) on the parameter.',
  },
  INJECT_ON_METHOD: { meaning: '@Inject(token) on a method parameter: it applies to constructor parameters.' },
  CIRCULAR_DEPENDENCY: { meaning: 'Constructor dependencies form a cycle; the message shows it.' },
  NO_PROVIDER: {
    meaning:
      'A contract client is injected but its service is neither served here nor reachable: set its base-URL variable or use GDD_MODE=micro.',
  },
  HANDLER_MISSING: { meaning: 'The served instance has no method for one of its contract routes.' },
  DUPLICATE_ROUTE: { meaning: 'Two routes (of one service or of two) answer the same method and path.' },
  // ── contracts: services and routes ──
  NOT_A_SERVICE: { meaning: 'The class (or the contract it extends) is not decorated with @Service.' },
  STATIC_ROUTE: { meaning: 'A route decorator on a static method: routes are instance methods.' },
  SYMBOL_ROUTE: { meaning: 'A route decorator on a symbol-named method: routes need a string name.' },
  CONFLICTING_RESPONSE: {
    meaning:
      'A route has both `{ file }` and `{ returns }` (a download has no JSON schema), or `{ file: { mediaTypes } }` names no valid media type.',
  },
  INVALID_ERROR_RESPONSE: {
    meaning:
      "A route's `errors: [...]` entry with a status outside 400–599, no code, one code under two statuses, or a ts-doudou code (`VALIDATION_FAILED`, …) under another status than its own.",
  },
  // ── contracts: parameters and bodies ──
  BAD_PARAMETER_DECORATOR: {
    meaning: 'A parameter decorator on a static method or a constructor: only instance route methods take request parameters.',
  },
  UNDECORATED_PARAMETER: {
    meaning: 'A route parameter has no parameter decorator (@Path, @Query, @Header, @Body, @Form, @UploadedFile, @Ctx).',
  },
  CONFLICTING_PARAMETER_DECORATORS: { meaning: 'A parameter has two parameter decorators: a value comes from one place.' },
  UNNAMED_PARAMETER: { meaning: 'A parameter has no name to bind (destructured?): give the decorator one.' },
  DUPLICATE_PARAMETER: { meaning: 'Two parameters bind the same name in the same place.' },
  UNSUPPORTED_PARAMETER_TYPE: {
    meaning: 'A path, query, header or form value of an object type (use @Body), or a path variable that is an array.',
  },
  OPTIONAL_PATH_PARAMETER: { meaning: 'A path variable marked optional: it is always present.' },
  UNBOUND_PATH_VARIABLE: { meaning: 'The path has a `:variable` that no @Path parameter binds.' },
  UNKNOWN_PATH_PARAMETER: { meaning: "A @Path('name') names no variable of the route's path." },
  DUPLICATE_BODY: { meaning: 'Two @Body() parameters: a request has one body.' },
  MIXED_BODY: { meaning: '@Body() together with @Form/@UploadedFile: a body is either JSON or a form.' },
  BODY_ON_GET: { meaning: 'A GET route with a request body: use @Query or another method.' },
  // ── contracts: DTOs and types ──
  BAD_PROP: { meaning: '@Prop on something other than a string-named instance property.' },
  DTO_WITHOUT_PROPS: { meaning: 'A class used as a DTO has no @Prop() fields.' },
  INVALID_JSON_CASE: { meaning: '`jsonCase` of a service or client is neither `lowerCamel` nor `snake`.' },
  DUPLICATE_WIRE_NAME: {
    meaning: 'Two properties of one DTO have the same wire name (after `jsonCase` or an explicit `@Prop({ name })`): rename one.',
  },
  SCHEMA_NAME_COLLISION: {
    meaning:
      'Two different DTO classes share a name, or one DTO is served by services of different `jsonCase`, so their OpenAPI component schemas would collide: rename one (a subclass will do).',
  },
  UNSUPPORTED_TYPE: { meaning: 'A type with no JSON form, an unknown type name, or an array of arrays.' },
  UNCOMPILABLE_SCHEMA: {
    meaning:
      "A route's request validator or response serializer cannot be compiled from its schema. Found before listening with GDD_ENV=dev; in other environments compilation is lazy, so it is logged and the route answers 500.",
  },
  INVALID_PATTERN: {
    meaning:
      "A `pattern` that is not a valid regular expression in Unicode mode (`new RegExp(pattern, 'u')`, as the validator compiles it).",
  },
  UNTYPED_VALUE: { meaning: 'Reflection cannot see the type (interface, union, `any`): say it with `{ type: … }`.' },
  UNTYPED_ARRAY: { meaning: 'An array whose element type is unknown: add `{ type: [ElementType] }`.' },
});

export type ConfigErrorCode = CodeOf<typeof ConfigErrorCodes>;

import { classOf } from './class-type';
import { ConfigError } from '../errors';
import type { ParamLocation } from './descriptors';
import { recordParam } from './metadata';
import type { ParamOptions, UploadedFileOptions } from './schema-options';

function paramDecorator(
  location: ParamLocation,
  name: string | undefined,
  options: ParamOptions | UploadedFileOptions,
): ParameterDecorator {
  return (target, propertyKey, index) => {
    if (propertyKey === undefined || typeof target === 'function' || typeof propertyKey !== 'string') {
      const where = typeof target === 'function' ? target.name : target.constructor.name;
      throw new ConfigError(
        'BAD_PARAMETER_DECORATOR',
        `parameter decorator (${location}) on ${where}.${String(propertyKey ?? 'constructor')}: only instance route methods take request parameters`,
      );
    }
    recordParam(classOf(target), propertyKey, { index, in: location, name, options: { ...options } });
  };
}

function split<O extends object>(nameOrOptions: string | O | undefined, options: O | undefined): [string | undefined, O] {
  if (typeof nameOrOptions === 'string') return [nameOrOptions, options ?? ({} as O)];
  return [undefined, { ...(nameOrOptions ?? ({} as O)), ...(options ?? {}) }];
}

/** A path variable (`:id`); the name defaults to the parameter's name. Always required. */
export function Path(nameOrOptions?: string | ParamOptions, options?: ParamOptions): ParameterDecorator {
  const [name, opts] = split(nameOrOptions, options);
  return paramDecorator('path', name, opts);
}

/** A query-string value (arrays: `?a=1&a=2` or `a[]=`); the name defaults to the parameter's name. */
export function Query(nameOrOptions?: string | ParamOptions, options?: ParamOptions): ParameterDecorator {
  const [name, opts] = split(nameOrOptions, options);
  return paramDecorator('query', name, opts);
}

/** A request header (matched case-insensitively). */
export function Header(name: string, options?: ParamOptions): ParameterDecorator {
  return paramDecorator('header', name, options ?? {});
}

/** The whole JSON request body (one per route), typed by the parameter's DTO class or `{ type }`. */
export function Body(options?: ParamOptions): ParameterDecorator {
  return paramDecorator('body', '', options ?? {});
}

/** A form field: urlencoded, or multipart when the route also takes files. */
export function Form(nameOrOptions?: string | ParamOptions, options?: ParamOptions): ParameterDecorator {
  const [name, opts] = split(nameOrOptions, options);
  return paramDecorator('form', name, opts);
}

/** An uploaded file (multipart/form-data) as `UploadedFileInfo`, or several with `{ multiple: true }`. */
export function UploadedFile(nameOrOptions?: string | UploadedFileOptions, options?: UploadedFileOptions): ParameterDecorator {
  const [name, opts] = split(nameOrOptions, options);
  return paramDecorator('file', name, opts);
}

/** The Koa context of the request. */
export function Ctx(): ParameterDecorator {
  return paramDecorator('context', '', {});
}

import { classOf } from './class-type';
import { ConfigError } from '../errors';
import { recordProp } from './metadata';
import type { PropOptions } from './schema-options';

/**
 * A DTO field: its type comes from reflection (`design:type`); options add what reflection cannot see
 * (`type: [Item]` for arrays, `optional`, `integer`, formats, bounds, enums).
 */
export function Prop(options: PropOptions = {}): PropertyDecorator {
  return (target, propertyKey) => {
    if (typeof target === 'function' || typeof propertyKey !== 'string') {
      throw new ConfigError('BAD_PROP', `@Prop on ${String(propertyKey)}: only string-named instance properties can be DTO fields`);
    }
    recordProp(classOf(target), { name: propertyKey, options: { ...options } });
  };
}

import { DoudouError } from './doudou-error';
import type { ConfigErrorCode } from './config-error-codes';

/**
 * A start-up problem: bad configuration, a broken contract, a missing dependency. Never sent to a client.
 * Areas with start-up errors of their own subclass it with their code union (`RegistryError extends
 * ConfigError<RegistryErrorCode>`), so `instanceof ConfigError` catches every start-up problem.
 *
 * `NoInfer`: the code is checked against the union, not inferred from it, so a misspelt code is a compile error.
 */
export class ConfigError<C extends string = ConfigErrorCode> extends DoudouError<C> {
  constructor(code: NoInfer<C>, message: string, options?: ErrorOptions) {
    super(code, message, options);
  }
}

/**
 * The one base of every error the framework raises on purpose. A subclass names its area's code union,
 * so a misspelt code does not compile; `cause` is the standard ES2022 one (`new X(code, message, { cause })`),
 * so Node prints the chain and `err.cause` works everywhere.
 */
export abstract class DoudouError<C extends string = string> extends Error {
  /** Stable and machine-readable: tests, logs and clients switch on it, never on the message. */
  readonly code: C;

  constructor(code: C, message: string, options?: ErrorOptions) {
    super(message, options);
    // the subclass's own name (`ConfigError`, `WireDecodeError`), so logs and stacks say which one it is
    this.name = new.target.name;
    this.code = code;
  }
}

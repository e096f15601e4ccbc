/**
 * How commands join the `doudou` program: each command module exports a `CommandRegistration` that adds
 * itself (with its flags, help and action) to a commander parent. The root list is in program.ts; the
 * `svc` group keeps its own list in commands/svc.ts. Adding a command = one module + one line in a list.
 */
import { InvalidArgumentError, type Command } from 'commander';

export type CommandRegistration = (parent: Command) => void;

/** Parses a flag value as a whole number within bounds, for commander's `argParser` (a bad value exits 2). */
export function integerOption(flag: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${flag} must be a whole number from ${min} to ${max}`);
    }
    return n;
  };
}

/**
 * Lines written straight to the transports of a logger that createLogger() built, several at once: each
 * line is formatted by the functions its pipeline runs (log-format.ts: same entry, same masking, same
 * bytes), but without winston's per-entry stream machinery, and a batch costs one write per transport
 * instead of one per line. The access log writes its lines this way (they are most of what a busy
 * service logs).
 *
 * Only while the logger is as createLogger() made it: once a transport is added or removed, the format
 * replaced, the logger silenced or a transport given its own level or format, `accepts()` says no and
 * callers use logger.log() — whatever a user configured on the winston logger still applies.
 */
import * as os from 'node:os';
import type { Logger } from 'winston';
import type TransportStream from 'winston-transport';
import { FieldsLine, type FieldsLineFormat } from './fields-line';
import { LEVEL, MESSAGE, isoTimestamp, maskEntry, type LineRenderer, type LogEntry } from './log-format';

/** What the logger's pipeline does: masking (the masker), format and colours (FieldsLineFormat), the final render. */
export interface DirectLineFormat extends FieldsLineFormat {
  render: LineRenderer;
}

type Transport = TransportStream & { eol?: string; options?: { eol?: string }; isObjectMode?: boolean };

const registered = new WeakMap<Logger, DirectLines>();

const noop = (): void => undefined;

export class DirectLines {
  private readonly transports: readonly Transport[];
  private readonly endsOfLine: readonly string[];
  private readonly pipeline: Logger['format'];
  /** Compiled lines of fixed keys (fields()), for the default meta they were compiled with. */
  private compiled = new Map<string, Map<readonly string[], FieldsLine | undefined>>();
  private compiledFor: unknown;

  private constructor(
    private readonly logger: Logger,
    private readonly format: DirectLineFormat,
  ) {
    this.transports = [...(logger.transports as Transport[])];
    this.endsOfLine = this.transports.map((t) => t.eol ?? t.options?.eol ?? os.EOL);
    this.pipeline = logger.format;
  }

  /** Called by createLogger(): `format` is what its pipeline does. Loggers with an object-mode stream get entries, not text: never direct. */
  static register(logger: Logger, format: DirectLineFormat): void {
    if ((logger.transports as Transport[]).some((t) => t.isObjectMode === true)) return;
    registered.set(logger, new DirectLines(logger, format));
  }

  /** The direct writer of a logger createLogger() built (children and other loggers have none). */
  static of(logger: Logger): DirectLines | undefined {
    return registered.get(logger);
  }

  /** True while lines at `level` may be written here: the logger still is as built and writes that level. */
  accepts(level: string): boolean {
    const logger = this.logger;
    if (logger.silent || logger.format !== this.pipeline || !logger.isLevelEnabled(level)) return false;
    const current = logger.transports;
    if (current.length !== this.transports.length) return false;
    for (let i = 0; i < current.length; i++) {
      const t = current[i]!;
      if (t !== this.transports[i] || t.silent || t.format !== undefined || t.level !== undefined) return false;
    }
    return true;
  }

  /** The line `logger.log(level, message, meta)` writes: the entry winston would build, through the same formats. */
  line(level: string, message: string, meta: Readonly<Record<string, unknown>>): string {
    const entry: LogEntry = Object.assign({}, this.logger.defaultMeta as Record<string, unknown> | undefined, meta, { level, message });
    maskEntry(entry, this.format.masker);
    entry.timestamp = isoTimestamp();
    return this.format.render(entry);
  }

  /**
   * The renderer of lines with these keys (a constant array: it is the cache key), as line() renders a meta
   * object with them; undefined when they cannot be compiled (then use line()). Recompiled when the logger's
   * default meta was replaced.
   */
  fields(level: string, keys: readonly string[]): FieldsLine | undefined {
    const defaults = this.logger.defaultMeta as Record<string, unknown> | undefined;
    if (defaults !== this.compiledFor) {
      this.compiled = new Map();
      this.compiledFor = defaults;
    }
    let ofLevel = this.compiled.get(level);
    if (ofLevel === undefined) this.compiled.set(level, (ofLevel = new Map()));
    if (!ofLevel.has(keys)) ofLevel.set(keys, FieldsLine.compile(level, keys, defaults, this.format));
    return ofLevel.get(keys);
  }

  /** Writes finished lines (without their ends of line) to every transport, one write each. */
  write(level: string, lines: readonly string[]): void {
    if (lines.length === 0) return;
    for (let i = 0; i < this.transports.length; i++) {
      const text = lines.length === 1 ? lines[0]! : lines.join(this.endsOfLine[i]);
      this.transports[i]!.log?.({ [LEVEL]: level, level, message: text, [MESSAGE]: text }, noop);
    }
  }
}

/**
 * A start-up that fails where nobody catches it — `new App().listen()` as the README writes it — ends
 * with one readable line on stderr (code, what went wrong, how to fix it) and exit code 1, instead of
 * Node's uncaught stack with a code frame. A caller that catches the error gets it untouched: the
 * process hooks exist only until the end of the current turn of the event loop, which is when Node
 * decides a rejection (or a top-level await in an ES module) went unhandled.
 */

/** Hints per error code, for the "how to fix" part of the line, where the message does not say it already
 *  (MISSING_DEPENDENCY's does: the `providers:` option, @Injectable() or @Inject(), whichever applies). */
const FIXES: Readonly<Record<string, string>> = {
  NO_PROVIDER: 'serve the implementation in this App, set <SERVICE>=http://host:port, or run with GDD_MODE=micro',
  NO_SERVICES: 'import a @Service class before listen(), or pass new App({ services: [...] })',
  INVALID_CONFIG: 'correct the variable(s) named above in the environment or the .env file',
  DUPLICATE_ROUTE: 'give one of the two methods another path or HTTP method',
};

interface StartupFacts {
  httpPort?: number;
  gossipPort?: number;
}

/** The one line printed for `err`. */
export function startupFailureLine(err: unknown, facts: StartupFacts = {}): string {
  const e = err as { code?: unknown; message?: unknown };
  const message = err instanceof Error ? err.message : String(err);
  // the socket error, thrown as it is (HTTP) or as the cause of the gossip transport's BIND_FAILED
  const socket = [err, (err as { cause?: unknown } | undefined)?.cause].find(isPortError);
  if (socket) {
    const port = typeof socket.port === 'number' ? socket.port : undefined;
    const gossip = e.code === 'BIND_FAILED' || (port !== undefined && port === facts.gossipPort && port !== facts.httpPort);
    const variable = gossip ? 'GDD_MEM_PORT' : 'GDD_PORT';
    const what = socket.code === 'EADDRINUSE' ? 'is already in use' : 'may not be opened by this user';
    const where = `${typeof socket.address === 'string' ? `${socket.address}:` : ''}${port ?? '?'}`;
    return `start-up failed [PORT_IN_USE]: ${gossip ? 'gossip' : 'HTTP'} port ${where} ${what}. Fix: stop what holds it, or set ${variable} to another port (0 picks a free one)`;
  }
  const code = typeof e.code === 'string' ? e.code : err instanceof Error ? err.name : 'ERROR';
  const fix = FIXES[code];
  const oneLine = message.replace(/\s*\n\s*/g, '; ');
  return `start-up failed [${code}]: ${oneLine}${fix ? `. Fix: ${fix}` : ''}`;
}

interface PortError {
  code: 'EADDRINUSE' | 'EACCES';
  port?: unknown;
  address?: unknown;
}

function isPortError(value: unknown): value is PortError {
  const code = (value as { code?: unknown } | null | undefined)?.code;
  return code === 'EADDRINUSE' || code === 'EACCES';
}

/**
 * Arms the hooks for `err`, which is about to be thrown (or to reject listen()). Other uncaught errors
 * meanwhile are rethrown as they were, so they end the process the way Node would.
 */
export function exitIfUnhandled(err: unknown, facts: StartupFacts = {}): void {
  const disarm = (): void => {
    process.removeListener('unhandledRejection', onRejection);
    process.removeListener('uncaughtException', onException);
  };
  const fail = (): void => {
    disarm();
    process.stderr.write(`${startupFailureLine(err, facts)}\n`);
    process.exit(1);
  };
  const passOn = (other: unknown): void => {
    disarm();
    process.nextTick(() => {
      throw other;
    });
  };
  const onRejection = (reason: unknown): void => (reason === err ? fail() : passOn(reason));
  const onException = (thrown: unknown): void => (thrown === err ? fail() : passOn(thrown));
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  setImmediate(disarm).unref();
}

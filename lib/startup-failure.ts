/**
 * A start-up that fails where nobody catches it — `new App().listen()` as the README writes it — ends
 * with one readable line on stderr (code, what went wrong, how to fix it) and exit code 1, instead of
 * Node's uncaught stack with a code frame. A caller that catches the error gets it as listen() threw it
 * (a port that cannot be bound as PortInUseError, see asStartupError), and no line, no exit: the process
 * hooks exist only until the end of the current turn of the event loop, which is when Node decides a
 * rejection (or a top-level await in an ES module) went unhandled.
 */
import { TransportError } from './discovery/transport/errors';
import { PortInUseError } from './errors';

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

/**
 * `err` as the App throws it: a port that cannot be bound — the socket error as node:http raises it, or as
 * the cause of the gossip transport's BIND_FAILED — becomes a PortInUseError naming the port and its
 * variable (the original as its cause); any other error is returned as it is.
 */
export function asStartupError(err: unknown, facts: StartupFacts = {}): unknown {
  if (err instanceof PortInUseError) return err;
  const chain = causeChain(err);
  const socket = chain.find(isPortError);
  if (!socket) return err;
  const port = typeof socket.port === 'number' ? socket.port : undefined;
  const gossip =
    chain.some((e) => e instanceof TransportError && e.code === 'BIND_FAILED') ||
    (port !== undefined && port === facts.gossipPort && port !== facts.httpPort);
  const what = socket.code === 'EADDRINUSE' ? 'is already in use' : 'may not be opened by this user';
  const where = `${typeof socket.address === 'string' ? `${socket.address}:` : ''}${port ?? '?'}`;
  return new PortInUseError(gossip ? 'GDD_MEM_PORT' : 'GDD_PORT', `${gossip ? 'gossip' : 'HTTP'} port ${where} ${what}`, { cause: err });
}

/** The one line printed for `err`. */
export function startupFailureLine(err: unknown, facts: StartupFacts = {}): string {
  const failure = asStartupError(err, facts);
  const e = failure as { code?: unknown };
  const message = failure instanceof Error ? failure.message : String(failure);
  const code = typeof e.code === 'string' ? e.code : failure instanceof Error ? failure.name : 'ERROR';
  const fix =
    failure instanceof PortInUseError ? `stop what holds it, or set ${failure.variable} to another port (0 picks a free one)` : FIXES[code];
  const oneLine = message.replace(/\s*\n\s*/g, '; ');
  return `start-up failed [${code}]: ${oneLine}${fix ? `. Fix: ${fix}` : ''}`;
}

/** `err`, its cause, the cause's cause, … (a few levels: enough for a wrapped socket error). */
function causeChain(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = err; e !== undefined && e !== null && chain.length < 4; e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
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

/**
 * For specs that are not about shutting down: no lame-duck drain window. fetch (undici) keeps each
 * connection open for seconds after its response, and App.close() or SIGTERM serves open connections for
 * GDD_DRAIN_WINDOW (default 5 s) — so every close after a fetch waited 5 s for a connection the test never
 * uses again. With no window idle connections are closed at once; the drain itself is proven by
 * spec/http/connection-drain.spec.ts and spec/reliability/shutdown.spec.ts, which set their own windows.
 */
export const NO_DRAIN_ENV: Readonly<Record<string, string>> = { GDD_DRAIN_WINDOW: '0s' };

/**
 * A handler result sent exactly as given — status, body bytes and media type — instead of the route's
 * declared response. For code that replays answers a document describes (`doudou svc mock`, proxies):
 * the response writer otherwise follows the descriptor (returns → its JSON, no returns → 204), which such
 * code cannot do for an error response or a third-party document's shape. It is never a contract breach:
 * whoever returns one answers for it.
 */
export class RawAnswer {
  constructor(
    readonly status: number,
    /** The body as sent; undefined for none. */
    readonly body?: Buffer | string,
    readonly contentType = 'application/json; charset=utf-8',
  ) {}
}
